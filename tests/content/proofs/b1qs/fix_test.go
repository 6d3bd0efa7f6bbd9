package search

// Runs against the snippet with the explanations' fixes applied (see run).
import (
	"context"
	"errors"
	"fmt"
	"runtime"
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

var cancelled atomic.Int64

type fake struct{ delay time.Duration }

func (f fake) Query(ctx context.Context, q string) ([]string, error) {
	select {
	case <-time.After(f.delay):
		return []string{q}, nil
	case <-ctx.Done():
		cancelled.Add(1)
		return nil, ctx.Err()
	}
}

func settle() int {
	time.Sleep(300 * time.Millisecond)
	runtime.GC()
	return runtime.NumGoroutine()
}

func TestFixes(t *testing.T) {
	before := settle()
	reps := []Backend{fake{0}, fake{50 * time.Millisecond}, fake{time.Hour}}
	for i := 0; i < 10; i++ {
		if _, err := First(context.Background(), "q", reps); err != nil {
			t.Fatal(err)
		}
	}
	slow := fake{time.Hour}
	for i := 0; i < 5; i++ {
		First(context.Background(), "q", []Backend{slow, slow, slow}) // the 800 ms timeout
	}
	after := settle()
	report(after == before, "i4 fix", fmt.Sprintf("with a buffered ch (and the losers cancelled), 10 answered calls and 5 timed-out ones leave %d goroutines behind", after-before))
	report(cancelled.Load() == 10*2+5*3, "i2 fix", fmt.Sprintf("with context.WithCancel(ctx) and defer cancel(), %d of the 35 losing queries saw their context cancelled when First returned", cancelled.Load()))

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	_, err := First(ctx, "q", []Backend{slow, slow, slow})
	took := time.Since(start)
	report(errors.Is(err, context.Canceled) && took < 50*time.Millisecond, "i6 fix",
		fmt.Sprintf("with a ctx.Done() case a cancelled request returns %v after %v instead of waiting 800 ms", err, took.Round(time.Millisecond)))

	hits, err := First(context.Background(), "q", nil)
	report(hits == nil && err != nil, "i5 fix", fmt.Sprintf("with the guard an empty replica list returns an error: %v", err))
}
