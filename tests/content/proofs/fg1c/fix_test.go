package webhooks

// Runs against fixed.go.txt (the snippet with the fixes, durations / 100).
import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
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

func TestFixes(t *testing.T) {
	release := make(chan struct{})
	hung := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer func() { close(release); hung.Close() }()
	start := time.Now()
	_, err := LoadEndpoints(hung.URL)
	took := time.Since(start)
	report(err != nil && took < time.Second, "i4 fix", fmt.Sprintf("with a client Timeout (15 s, scaled to 150 ms) LoadEndpoints against a silent server returns after %v: %v", took.Round(10*time.Millisecond), err))

	var hits atomic.Int64
	down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.WriteHeader(503)
	}))
	defer down.Close()
	start = time.Now()
	err = Deliver(context.Background(), down.URL, []byte(`{}`))
	took = time.Since(start)
	report(err != nil && hits.Load() == 5 && took < 400*time.Millisecond, "i6 fix",
		fmt.Sprintf("no sleep after the last attempt: 5 attempts against a 503 take %v (sleeps 20+40+80+160 ms; the snippet's 62 s, scaled, would be 620 ms)", took.Round(10*time.Millisecond)))

	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(50 * time.Millisecond); cancel() }()
	start = time.Now()
	err = Deliver(ctx, down.URL, []byte(`{}`))
	took = time.Since(start)
	report(err == context.Canceled && took < 100*time.Millisecond, "i6 fix",
		fmt.Sprintf("cancelled during the backoff, Deliver returns %v after %v", err, took.Round(10*time.Millisecond)))

	var hits4 atomic.Int64
	bad := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits4.Add(1)
		w.WriteHeader(400)
	}))
	defer bad.Close()
	err = Deliver(context.Background(), bad.URL, []byte(`{}`))
	report(err != nil && hits4.Load() == 1, "i8 fix", fmt.Sprintf("a 400 is reported after %d request: %v", hits4.Load(), err))
}
