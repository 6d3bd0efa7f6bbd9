package gateway

// Runs against the snippet with the explanations' fixes applied (see run).
import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"
)

func report(ok bool, id, msg string) {
	if ok {
		fmt.Printf("ok %s: %s\n", id, msg)
	} else {
		fmt.Printf("FAIL %s: %s\n", id, msg)
	}
}

type pricer struct {
	delay time.Duration
	err   error
}

func (p pricer) Price(ctx context.Context, sku string) (Quote, error) {
	select {
	case <-time.After(p.delay):
		return Quote{SKU: sku, Cents: 999}, p.err
	case <-ctx.Done():
		return Quote{}, ctx.Err()
	}
}

func get(p Pricer) (int, string, error) {
	s := &Server{pricer: p}
	ts := httptest.NewUnstartedServer(http.HandlerFunc(s.handleQuote))
	ts.Config.ReadTimeout = 5 * time.Second
	ts.Config.WriteTimeout = 5 * time.Second // i5's fix: above the 2 s handler deadline
	ts.Start()
	defer ts.Close()
	resp, err := http.Get(ts.URL + "/quote?sku=A1")
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, strings.TrimSpace(string(b)), nil
}

func TestFixes(t *testing.T) {
	before := runtime.NumGoroutine()
	done := make(chan int)
	for i := 0; i < 10; i++ {
		go func() { c, _, _ := get(pricer{delay: 3 * time.Second}); done <- c }()
	}
	codes := map[int]int{}
	for i := 0; i < 10; i++ {
		codes[<-done]++
	}
	http.DefaultClient.CloseIdleConnections()
	time.Sleep(500 * time.Millisecond)
	after := runtime.NumGoroutine()
	report(after-before <= 0 && codes[504] == 10, "i3 fix", fmt.Sprintf("with make(chan result, 1), 10 quotes past the 2 s deadline answer 504 (%v) and leave %d goroutines behind", codes, after-before))

	c, body, err := get(pricer{delay: 1500 * time.Millisecond})
	report(err == nil && c == 200, "i5 fix", fmt.Sprintf("with WriteTimeout 5 s a quote ready after 1.5 s answers %d %s", c, body))

	c, body, _ = get(pricer{err: errors.New("pg: host db-7.internal: relation quotes_tmp does not exist")})
	report(c == 502 && !strings.Contains(body, "db-7"), "i1 fix", fmt.Sprintf("answering a fixed text: the client receives %d %q", c, body))
}
