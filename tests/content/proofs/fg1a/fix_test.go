package ratelimit

// Runs against the snippet with the explanations' fixes applied (see run).
import (
	"fmt"
	"strconv"
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

// sweep is i5's recipe: under the lock, drop buckets that have refilled to the burst.
func (l *Limiter) sweep() {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	for k, b := range l.buckets {
		if b.tokens+now.Sub(b.last).Seconds()*l.rate >= l.burst {
			delete(l.buckets, k)
		}
	}
}

func TestFixes(t *testing.T) {
	l := New(0.001, 10)
	var wg sync.WaitGroup
	var allowed atomic.Int64
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 5000; i++ {
				l.Allow(strconv.Itoa(g*5000 + i)) // new IPs from every goroutine at once
				if l.Allow("10.0.0.1") {
					allowed.Add(1)
				}
			}
		}(g)
	}
	wg.Wait()
	report(allowed.Load() == 10 && len(l.buckets) == 40001, "i3 fix",
		fmt.Sprintf("with func (l *Limiter) Allow, 8 goroutines inserting 40,000 new keys run clean under -race, and one key with burst 10 is allowed exactly %d of 40,000 times", allowed.Load()))

	clock := time.Unix(0, 0)
	l2 := New(1, 5)
	l2.now = func() time.Time { return clock }
	for i := 0; i < 1000; i++ {
		l2.Allow(strconv.Itoa(i))
	}
	for i := 0; i < 5; i++ {
		l2.Allow("busy")
	}
	clock = clock.Add(3 * time.Second) // the 1,000 have refilled, "busy" has 3 of 5
	l2.sweep()
	left := len(l2.buckets)
	got := 0
	for i := 0; i < 10; i++ {
		if l2.Allow("busy") {
			got++
		}
	}
	report(left == 1 && got == 3, "i5 fix",
		fmt.Sprintf("a sweep that drops full, idle buckets leaves %d of 1,001 entries and keeps the partly used one's state (%d more allowed)", left, got))
}
