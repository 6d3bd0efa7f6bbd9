package orders

// Runs against the snippet with the explanations' fixes applied (see run).
import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func report(ok bool, id, msg string) {
	if ok {
		fmt.Printf("ok %s: %s\n", id, msg)
	} else {
		fmt.Printf("FAIL %s: %s\n", id, msg)
	}
}

type repo struct{ err error }

func (r repo) Insert(ctx context.Context, o Order) (string, error) { return "ord-1", r.err }

func post(s *Service, body string) (int, string) {
	srv := httptest.NewUnstartedServer(s)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.Start()
	defer srv.Close()
	resp, err := http.Post(srv.URL, "application/json", strings.NewReader(body))
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, strings.TrimSpace(string(b))
}

func TestFixes(t *testing.T) {
	s := &Service{repo: repo{}}
	code, body := post(s, `{"idempotency_key":"k1","sku":"a","qty":1}`)
	c2, b2 := post(s, `{"idempotency_key":"k1","sku":"a","qty":0}`)
	report(code == 201 && body == "ord-1" && c2 == 400, "i3 fix",
		fmt.Sprintf("with check returning a plain nil a valid order answers %d %q, an invalid one still %d %q", code, body, c2, b2))

	d := &Service{repo: repo{err: ErrDuplicate}}
	code, _ = post(d, `{"idempotency_key":"k1","sku":"a","qty":1}`)
	report(code == 409, "i5 fix", fmt.Sprintf("with %%w a duplicate key answers %d", code))

	// i1: dec.More() alone misses a stray closing bracket; a second Decode expecting io.EOF catches all.
	var o Order
	dec := json.NewDecoder(strings.NewReader(`{"idempotency_key":"k","sku":"a","qty":1}}`))
	err := dec.Decode(&o)
	report(err == nil && !dec.More(), "i1", "dec.More() reports false after `{...}}`: a stray `}` or `]` passes a More check")
	codes := []int{}
	for _, b := range []string{`{"idempotency_key":"k","sku":"a","qty":1} xyz`, `{"idempotency_key":"k","sku":"a","qty":1}}`, `{"idempotency_key":"k","sku":"a","qty":1}]`, `{"idempotency_key":"k","sku":"a","qty":1} {}`} {
		c, _ := post(s, b)
		codes = append(codes, c)
	}
	c, _ := post(s, `{"idempotency_key":"k","sku":"a","qty":1}`+"\n")
	okAll := c == 201
	for _, x := range codes {
		okAll = okAll && x == 400
	}
	report(okAll, "i1 fix", fmt.Sprintf("decoding a second time and requiring io.EOF rejects trailing `xyz`, `}`, `]`, `{}` (%v) and accepts a clean body (%d)", codes, c))
}
