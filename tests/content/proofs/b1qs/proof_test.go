package search

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"testing"
	"time"
)

type fake struct {
	delay time.Duration
	err   error
	sawBG chan bool
}

func (f fake) Query(ctx context.Context, q string) ([]string, error) {
	if f.sawBG != nil {
		f.sawBG <- ctx.Done() == nil // Background's Done is nil: never cancelled
	}
	select {
	case <-time.After(f.delay):
		return []string{q}, f.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func report(ok bool, id, msg string) {
	if ok {
		fmt.Printf("ok %s: %s\n", id, msg)
	} else {
		fmt.Printf("FAIL %s: %s\n", id, msg)
	}
}

func settle() int {
	time.Sleep(300 * time.Millisecond)
	runtime.GC()
	return runtime.NumGoroutine()
}

func TestLeak(t *testing.T) {
	before := settle()
	reps := []Backend{fake{delay: 0}, fake{delay: 50 * time.Millisecond}, fake{delay: 100 * time.Millisecond}}
	for i := 0; i < 10; i++ {
		if _, err := First(context.Background(), "q", reps); err != nil {
			t.Fatal(err)
		}
	}
	after := settle()
	report(after-before == 20, "i4", fmt.Sprintf("10 successful calls with 3 replicas leave %d goroutines blocked forever (2 per call)", after-before))
}

func TestBackgroundContext(t *testing.T) {
	saw := make(chan bool, 3)
	reps := []Backend{fake{sawBG: saw}, fake{delay: time.Hour, sawBG: saw}, fake{delay: time.Hour, sawBG: saw}}
	First(context.Background(), "q", reps)
	all := <-saw && <-saw && <-saw
	report(all, "i2", "every replica receives a context that can never be cancelled, so the losers run to the end")
}

func TestIgnoresCallerContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	slow := fake{delay: 2 * time.Second}
	start := time.Now()
	_, err := First(ctx, "q", []Backend{slow, slow, slow})
	took := time.Since(start)
	report(errors.Is(err, ErrTimeout) && took >= 790*time.Millisecond,
		"i6", fmt.Sprintf("with an already cancelled ctx First still waits %v and returns ErrTimeout", took.Round(10*time.Millisecond)))
}

// firstFixed keeps only the select of the snippet: one time.After per call, answered at once.
func firstFixed(q string, n int) {
	ch := make(chan int, n)
	ch <- 1
	timeout := time.After(800 * time.Millisecond)
	select {
	case <-ch:
	case <-timeout:
	}
}

func heap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func TestTimeAfterReleased(t *testing.T) {
	base := heap()
	for i := 0; i < 50000; i++ {
		firstFixed("q", 3)
	}
	during := heap()
	time.Sleep(1200 * time.Millisecond)
	after := heap()
	report(during > base+1<<20 && after < base+1<<20, "i1",
		fmt.Sprintf("50,000 calls hold %d KiB of unfired timers; 1.2 s later %d KiB remain above the start (Go %s)",
			(during-base)>>10, int64(after-base)>>10, runtime.Version()))
}

func TestChannelCollected(t *testing.T) {
	base := heap()
	keep := make([]chan [1024]byte, 0, 1000)
	for i := 0; i < 1000; i++ {
		keep = append(keep, make(chan [1024]byte, 8))
	}
	during := heap()
	runtime.KeepAlive(keep)
	keep = nil
	after := heap()
	report(during > base+4<<20 && after < base+1<<20, "i3",
		fmt.Sprintf("1,000 never-closed channels (%d KiB) are collected once unreferenced (%d KiB left)", (during-base)>>10, int64(after-base)>>10))
}

func TestEmptyReplicas(t *testing.T) {
	hits, err := First(context.Background(), "q", nil)
	report(hits == nil && err == nil, "i5", "an empty replica list returns (nil, nil)")
}
