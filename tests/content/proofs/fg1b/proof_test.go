package orders

import (
	"context"
	"encoding/json"
	"errors"
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

func post(t *testing.T, s *Service, body string) (int, string, error) {
	srv := httptest.NewUnstartedServer(s)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.Start()
	defer srv.Close()
	resp, err := http.Post(srv.URL, "application/json", strings.NewReader(body))
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, strings.TrimSpace(string(b)), nil
}

func TestValidOrderFails(t *testing.T) {
	s := &Service{repo: repo{}}
	err := s.check(Order{Key: "k1", SKU: "a", Qty: 1})
	code, _, herr := post(t, s, `{"idempotency_key":"k1","sku":"a","qty":1}`)
	report(err != nil && herr != nil, "i3",
		fmt.Sprintf("check(valid) != nil is %v (%T); POSTing a valid order: status %d, client error %v", err != nil, err, code, herr))
}

func TestInvalidOrder400(t *testing.T) {
	s := &Service{repo: repo{}}
	code, body, err := post(t, s, `{"idempotency_key":"k1","sku":"a","qty":0}`)
	report(err == nil && code == 400 && body == "qty: must be 1 to 100", "i4",
		fmt.Sprintf("errors.As(err, &verr) finds the *ValidationError: %d %q", code, body))
}

func TestDuplicate500(t *testing.T) {
	err := fmt.Errorf("insert order %s: %v", "k1", ErrDuplicate)
	errW := fmt.Errorf("insert order %s: %w", "k1", ErrDuplicate)
	report(!errors.Is(err, ErrDuplicate) && errors.Is(errW, ErrDuplicate), "i5",
		"errors.Is finds ErrDuplicate through %w but not through %v, so the handler takes the 500 branch")
}

func TestIsIdentity(t *testing.T) {
	other := errors.New("orders: duplicate idempotency key")
	report(!errors.Is(other, ErrDuplicate) && other.Error() == ErrDuplicate.Error(), "i2",
		"an error with the same text is not ErrDuplicate for errors.Is")
}

func TestTrailingGarbage(t *testing.T) {
	var o Order
	err := json.NewDecoder(strings.NewReader(`{"idempotency_key":"k","sku":"a","qty":1} xyz`)).Decode(&o)
	report(err == nil && o.Qty == 1, "i1", "Decode accepts a body with trailing garbage")
}
