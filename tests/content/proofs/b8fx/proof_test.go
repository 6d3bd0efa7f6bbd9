package ingest

import (
	"context"
	"fmt"
	"log"
	"strings"
	"sync"
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

type sink struct {
	calls atomic.Int64
}

func (s *sink) Write(ctx context.Context, r Record) error {
	s.calls.Add(1)
	return ctx.Err()
}

func feed(n int) <-chan Record {
	in := make(chan Record, n)
	for i := 0; i < n; i++ {
		in <- Record{ID: int64(i)}
	}
	close(in)
	return in
}

func TestDeadlock(t *testing.T) {
	done := make(chan int, 1)
	go func() { done <- Run(context.Background(), feed(10), &sink{}, 4) }()
	select {
	case <-done:
		report(false, "i4", "Run returned")
	case <-time.After(time.Second):
		report(true, "i4", "Run with 4 workers and 10 records has not returned after 1 s (workers blocked on done, Wait never ends)")
	}
}

// RunBuffered is the snippet with only the channel made buffered.
func RunBuffered(ctx context.Context, in <-chan Record, sink Sink, n int) (total int, panicked interface{}) {
	done := make(chan int, n)
	var wg sync.WaitGroup
	wg.Add(n)
	var mu sync.Mutex
	for i := 0; i < n; i++ {
		go func() {
			defer wg.Done()
			defer func() {
				if p := recover(); p != nil {
					mu.Lock()
					panicked = p
					mu.Unlock()
				}
			}()
			written := 0
			for rec := range in {
				if err := sink.Write(ctx, rec); err != nil {
					continue
				}
				written++
			}
			done <- written
			close(done)
		}()
	}
	wg.Wait()
	return 0, panicked
}

func TestDoubleClose(t *testing.T) {
	_, p := RunBuffered(context.Background(), feed(10), &sink{}, 4)
	msg := fmt.Sprint(p)
	report(msg == "send on closed channel" || msg == "close of closed channel", "i7",
		"with done made buffered, the second worker to finish panics: "+msg)
}

func TestCancelledDrains(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s := &sink{}
	in := feed(100)
	go Run(ctx, in, s, 2)
	time.Sleep(300 * time.Millisecond)
	report(s.calls.Load() == 100, "i2", fmt.Sprintf("after cancellation the workers still pull and try all %d records", s.calls.Load()))
}

func TestFanOutOnce(t *testing.T) {
	in := make(chan int)
	var seen sync.Map
	dup := atomic.Int64{}
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for v := range in {
				if _, loaded := seen.LoadOrStore(v, true); loaded {
					dup.Add(1)
				}
			}
		}()
	}
	for i := 0; i < 100000; i++ {
		in <- i
	}
	close(in)
	wg.Wait()
	report(dup.Load() == 0, "i5", "100,000 values over one channel to 8 receivers: each received once")
}

func TestAddOnce(t *testing.T) {
	// wg.Add(n) before the loop, then n goroutines: the fixed version of Run.
	var wg sync.WaitGroup
	var total atomic.Int64
	wg.Add(8)
	for i := 0; i < 8; i++ {
		go func() { defer wg.Done(); total.Add(1) }()
	}
	wg.Wait()
	report(total.Load() == 8, "i1", "wg.Add(8) once before starting 8 goroutines: Wait returns after all 8")
}

func TestBadN(t *testing.T) {
	done := make(chan struct{})
	go func() { Run(context.Background(), feed(1), &sink{}, 0); close(done) }()
	zero := false
	select {
	case <-done:
	case <-time.After(500 * time.Millisecond):
		zero = true
	}
	var msg interface{}
	func() {
		defer func() { msg = recover() }()
		Run(context.Background(), feed(1), &sink{}, -1)
	}()
	report(zero && fmt.Sprint(msg) == "sync: negative WaitGroup counter", "i6",
		fmt.Sprintf("n=0 never returns; n=-1 panics: %v", msg))
}


func TestLogLines(t *testing.T) {
	// The writer takes no lock: it counts overlapping calls and calls that
	// are not exactly one whole line.
	var inside, overlaps, calls, partial atomic.Int64
	w := writerFunc(func(p []byte) (int, error) {
		if inside.Add(1) != 1 {
			overlaps.Add(1)
		}
		calls.Add(1)
		if strings.Count(string(p), "\n") != 1 || !strings.HasSuffix(string(p), strings.Repeat("x", 100)+"\n") {
			partial.Add(1)
		}
		time.Sleep(time.Microsecond)
		inside.Add(-1)
		return len(p), nil
	})
	l := log.New(w, "", 0)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				l.Printf("record %d: %s", g*10000+i, strings.Repeat("x", 100))
			}
		}(g)
	}
	wg.Wait()
	report(calls.Load() == 4000 && overlaps.Load() == 0 && partial.Load() == 0, "i3",
		fmt.Sprintf("8 goroutines x 500 Printf calls on one Logger: %d Write calls, %d overlapping, %d not one whole line", calls.Load(), overlaps.Load(), partial.Load()))
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }
