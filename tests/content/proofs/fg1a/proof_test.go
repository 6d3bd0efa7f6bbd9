package ratelimit

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
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

func TestCrashChild(t *testing.T) {
	if os.Getenv("FG1A_CHILD") == "" {
		t.Skip()
	}
	l := New(20, 40)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 200000; i++ {
				l.Allow(fmt.Sprintf("10.%d.%d.%d", g, i>>8&255, i&255))
			}
		}(g)
	}
	wg.Wait()
}

func TestConcurrentAllowCrashes(t *testing.T) {
	cmd := exec.Command("go", "test", "-count=1", "-run", "TestCrashChild$", ".")
	cmd.Env = append(os.Environ(), "FG1A_CHILD=1")
	out, _ := cmd.CombinedOutput()
	line := ""
	for _, l := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(l, "fatal error") {
			line = l
			break
		}
	}
	report(strings.Contains(line, "concurrent map"), "i3", "8 handlers calling Allow with new IPs: "+line)
}

func TestGrowth(t *testing.T) {
	l := New(20, 40)
	for i := 0; i < 100000; i++ {
		l.Allow(fmt.Sprintf("ip-%d", i))
	}
	report(len(l.buckets) == 100000, "i5", fmt.Sprintf("100,000 distinct keys leave %d buckets; nothing removes them", len(l.buckets)))
}

func TestMonotonic(t *testing.T) {
	a := time.Now()
	b := a.Add(time.Second)
	// A wall-clock step changes only the wall part; simulate it on b's wall
	// reading while keeping its monotonic reading, as the runtime would:
	// Sub uses the monotonic readings when both have one.
	wallBack := b.Round(0).Add(-time.Hour) // wall only, monotonic stripped
	report(strings.Contains(a.String(), "m=+") && b.Sub(a) == time.Second && wallBack.Sub(a.Round(0)) < 0,
		"i1", "time.Now carries a monotonic reading (m=+...), Sub uses it; only times without one (Round(0)) see wall steps")
}

func TestFloatDrift(t *testing.T) {
	// One client at exactly `rate` for a simulated day, steps of 1/20 s.
	clock := time.Unix(0, 0)
	l := New(20, 40)
	l.now = func() time.Time { return clock }
	allowed := 0
	for i := 0; i < 20*86400; i++ {
		clock = clock.Add(50 * time.Millisecond)
		if l.Allow("k") {
			allowed++
		}
	}
	report(allowed >= 20*86400, "i2", fmt.Sprintf("a simulated day at exactly 20 req/s: %d of %d allowed", allowed, 20*86400))
}

var mu sync.Mutex

func withDefer() { mu.Lock(); defer mu.Unlock() }
func withoutDefer() { mu.Lock(); mu.Unlock() }

type nsop int64

func (n nsop) NsPerOp() int64 { return int64(n) }

func TestDeferCost(t *testing.T) {
	// The fastest of five interleaved rounds each: a busy machine adds noise
	// to single runs (one run here once measured 129 against 21 ns).
	bench := func(f func()) int64 {
		return testing.Benchmark(func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				f()
			}
		}).NsPerOp()
	}
	var dmin, pmin int64 = 1 << 62, 1 << 62
	for r := 0; r < 5; r++ {
		if v := bench(withDefer); v < dmin {
			dmin = v
		}
		if v := bench(withoutDefer); v < pmin {
			pmin = v
		}
	}
	d, p := nsop(dmin), nsop(pmin)
	diff := d.NsPerOp() - p.NsPerOp()
	report(diff < 50, "i4", fmt.Sprintf("Lock+defer Unlock %d ns/op, Lock+Unlock %d ns/op: %d ns more, %.0f us per second at 3,000 calls/s",
		d.NsPerOp(), p.NsPerOp(), diff, float64(diff)*3000/1000))
}
