package ingest

// Runs against the snippet with the explanations' fixes applied (see run).
import (
	"context"
	"fmt"
	"io"
	"log"
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

// slow writes each record in 1 ms and fails once ctx is cancelled.
type slow struct{ ok, calls atomic.Int64 }

func (s *slow) Write(ctx context.Context, r Record) error {
	s.calls.Add(1)
	if err := ctx.Err(); err != nil {
		return err
	}
	time.Sleep(time.Millisecond)
	s.ok.Add(1)
	return nil
}

func feed(n int) chan Record {
	in := make(chan Record, n)
	for i := 0; i < n; i++ {
		in <- Record{ID: int64(i)}
	}
	close(in)
	return in
}

func TestFixes(t *testing.T) {
	log.SetOutput(io.Discard)
	s := &slow{}
	res := make(chan int)
	go func() { res <- Run(context.Background(), feed(1000), s, 8) }()
	select {
	case total := <-res:
		report(total == 1000, "i4 fix", fmt.Sprintf("done buffered to n, closed by Run after wg.Wait: 8 workers, 1,000 records, Run returns %d", total))
		report(total == 1000, "i7 fix", "only Run closes done: no send on a closed channel with 8 workers")
	case <-time.After(10 * time.Second):
		report(false, "i4 fix", "Run still hangs")
	}

	s = &slow{}
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(30 * time.Millisecond); cancel() }()
	total := Run(ctx, feed(5000), s, 8)
	report(total == int(s.ok.Load()) && s.calls.Load() < 1000, "i2 fix",
		fmt.Sprintf("checking ctx.Err() at the top of the loop and leaving it with break: cancelled after 30 ms, %d Write calls of 5,000, and Run reports %d, exactly the %d written", s.calls.Load(), total, s.ok.Load()))

	res0 := make(chan int)
	go func() { res0 <- Run(context.Background(), feed(3), &slow{}, 0) }()
	select {
	case n := <-res0:
		report(n == 0, "i6 fix", fmt.Sprintf("with n validated (n < 1 refused), INGEST_WORKERS=0 returns %d at once instead of hanging", n))
	case <-time.After(2 * time.Second):
		report(false, "i6 fix", "n = 0 still hangs")
	}
}
