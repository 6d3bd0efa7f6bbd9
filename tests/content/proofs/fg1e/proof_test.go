package gateway

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
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
	sawCancel chan bool
}

func (p pricer) Price(ctx context.Context, sku string) (Quote, error) {
	select {
	case <-time.After(p.delay):
		return Quote{SKU: sku, Cents: 999}, p.err
	case <-ctx.Done():
		if p.sawCancel != nil {
			p.sawCancel <- true
		}
		return Quote{}, ctx.Err()
	}
}

func server(p Pricer, write time.Duration) *httptest.Server {
	s := &Server{pricer: p}
	ts := httptest.NewUnstartedServer(http.HandlerFunc(s.handleQuote))
	ts.Config.ReadTimeout = 5 * time.Second
	ts.Config.WriteTimeout = write
	ts.Start()
	return ts
}

func get(url string) (int, string, error) {
	resp, err := http.Get(url + "/quote?sku=A1")
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), nil
}

func TestLeak(t *testing.T) {
	ts := server(pricer{delay: 3 * time.Second}, 10*time.Second)
	defer ts.Close()
	before := runtime.NumGoroutine()
	done := make(chan struct{})
	for i := 0; i < 10; i++ {
		go func() { get(ts.URL); done <- struct{}{} }()
	}
	for i := 0; i < 10; i++ {
		<-done
	}
	http.DefaultClient.CloseIdleConnections()
	time.Sleep(500 * time.Millisecond)
	after := runtime.NumGoroutine()
	report(after-before >= 10, "i3", fmt.Sprintf("10 quotes past the 2 s deadline (WriteTimeout raised to 10 s): %d goroutines left behind", after-before))
}

func TestWriteTimeout(t *testing.T) {
	ts := server(pricer{delay: 1500 * time.Millisecond}, 1*time.Second)
	defer ts.Close()
	code, _, err := get(ts.URL)
	report(err != nil, "i5", fmt.Sprintf("a quote ready after 1.5 s with WriteTimeout 1 s: status %d, client error: %v", code, err))
	ok := server(pricer{delay: 1500 * time.Millisecond}, 5*time.Second)
	defer ok.Close()
	code, body, err := get(ok.URL)
	report(err == nil && code == 200, "i5", fmt.Sprintf("with WriteTimeout 5 s the same quote answers %d %s", code, body))
}

func TestCancelAfterReturn(t *testing.T) {
	saw := make(chan bool, 1)
	ts := server(pricer{delay: 3 * time.Second, sawCancel: saw}, 10*time.Second)
	defer ts.Close()
	code, _, _ := get(ts.URL)
	cancelled := false
	select {
	case cancelled = <-saw:
	case <-time.After(time.Second):
	}
	report(code == http.StatusGatewayTimeout && cancelled, "i4", fmt.Sprintf("a slow quote: the handler answered %d at the 2 s deadline, the moment the pricer saw its context end; nothing cancelled it earlier", code))
	fast := server(pricer{delay: 10 * time.Millisecond}, 10*time.Second)
	defer fast.Close()
	code, body, _ := get(fast.URL)
	report(code == 200, "i4", fmt.Sprintf("a quick quote is unaffected by defer cancel(): %d %s", code, body))
}

func TestClientGone(t *testing.T) {
	saw := make(chan bool, 1)
	ts := server(pricer{delay: 3 * time.Second, sawCancel: saw}, 10*time.Second)
	defer ts.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", ts.URL+"/quote?sku=A1", nil)
	http.DefaultClient.Do(req)
	start := time.Now()
	cancelled := false
	select {
	case cancelled = <-saw:
	case <-time.After(2 * time.Second):
	}
	report(cancelled, "i2", fmt.Sprintf("a client that gives up after 200 ms: the pricer's context is cancelled (%v after the client gave up), long before the 2 s deadline", time.Since(start).Round(10*time.Millisecond)))
}

func TestErrorText(t *testing.T) {
	ts := server(pricer{err: fmt.Errorf("dial tcp 10.2.3.4:5432: connect: connection refused")}, 10*time.Second)
	defer ts.Close()
	code, body, _ := get(ts.URL)
	report(code == 502 && len(body) > 0, "i1", fmt.Sprintf("the client receives %d %q", code, body))
}
