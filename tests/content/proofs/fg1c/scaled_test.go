package webhooks

// Run against a copy of the snippet with every duration divided by 100
// (10 s -> 100 ms, the 2..32 s sleeps -> 20..320 ms): what one delivery to a
// dead endpoint costs a worker, and what 16 of them do to everyone else.

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

func TestDeadEndpointHoldsWorkers(t *testing.T) {
	release := make(chan struct{})
	dead := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer func() { close(release); dead.Close() }()
	healthy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer healthy.Close()

	start := time.Now()
	Deliver(context.Background(), dead.URL, []byte("{}"))
	one := time.Since(start)
	ok := one > 1000*time.Millisecond
	fmt.Printf("%s i7: scaled by 1/100, one delivery to an endpoint that never answers keeps its worker %v (5 x 100 ms + 620 ms of sleeps): 112 s at full scale\n", map[bool]string{true: "ok", false: "FAIL"}[ok], one.Round(10*time.Millisecond))

	// 16 workers, as in the story; 16 events for the dead customer arrive
	// first, then one event for a healthy customer.
	jobs := make(chan string, 64)
	var wg sync.WaitGroup
	var healthyDone time.Time
	for w := 0; w < 16; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for u := range jobs {
				Deliver(context.Background(), u, []byte("{}"))
				if u == healthy.URL {
					healthyDone = time.Now()
				}
			}
		}()
	}
	start = time.Now()
	for i := 0; i < 16; i++ {
		jobs <- dead.URL
	}
	jobs <- healthy.URL
	close(jobs)
	wg.Wait()
	waited := healthyDone.Sub(start)
	ok = waited > 1000*time.Millisecond
	fmt.Printf("%s i7: with 16 events for that customer in the queue, a delivery to a healthy endpoint behind them completes after %v (112 s at full scale): all 16 workers were held\n", map[bool]string{true: "ok", false: "FAIL"}[ok], waited.Round(10*time.Millisecond))
}
