package shipper

// Runs against the snippet with the explanations' fixes applied (see run).
import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
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

// deletedOpen counts this process's descriptors on unlinked files.
func deletedOpen() int {
	ents, _ := os.ReadDir("/proc/self/fd")
	n := 0
	for _, e := range ents {
		if t, err := os.Readlink("/proc/self/fd/" + e.Name()); err == nil && strings.HasSuffix(t, " (deleted)") {
			n++
		}
	}
	return n
}

type up struct {
	maxDeleted int
	reject     string
	got        []string
}

func (u *up) Upload(ctx context.Context, name string, r io.Reader) error {
	if d := deletedOpen(); d > u.maxDeleted {
		u.maxDeleted = d
	}
	if name == u.reject {
		return errors.New("413 too large")
	}
	io.Copy(io.Discard, r)
	u.got = append(u.got, name)
	return nil
}

func TestShipFixes(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 200; i++ {
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("%03d.log.gz", i)), make([]byte, 4096), 0o644)
	}
	u := &up{reject: "000.log.gz"}
	err := ShipArchive(context.Background(), dir, u)
	left, _ := filepath.Glob(filepath.Join(dir, "*.log.gz"))
	report(u.maxDeleted == 0, "i2 fix", fmt.Sprintf("closing each file before os.Remove: at most %d deleted files held open during a 200-file run", u.maxDeleted))
	report(len(u.got) == 199 && len(left) == 1 && err != nil && strings.Contains(err.Error(), "000.log.gz"), "i5 fix",
		fmt.Sprintf("going on after a failure: with the first file rejected, %d of 200 shipped, %d left, and the run still returns %q", len(u.got), len(left), err))
}

func heap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func TestConsumeFix(t *testing.T) {
	events := make(chan Event)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- Consume(ctx, events, func(Event) {}) }()
	base := heap()
	for i := 0; i < 200000; i++ {
		events <- Event{Node: "n1"}
	}
	grown := int64(heap()) - int64(base)
	cancel()
	<-done
	report(grown < 1<<20, "i4 fix", fmt.Sprintf("one timer Reset after each event (with the drain): 200,000 events leave %d KiB of heap growth", grown>>10))

	events2 := make(chan Event)
	start := time.Now()
	go func() {
		for i := 0; i < 5; i++ {
			events2 <- Event{}
			time.Sleep(50 * time.Millisecond)
		}
	}()
	err := consumeFast(context.Background(), events2, func(Event) {})
	took := time.Since(start)
	report(errors.Is(err, ErrIdle) && took > 380*time.Millisecond && took < 700*time.Millisecond, "i4 fix",
		fmt.Sprintf("the reused timer still ends an idle source: ErrIdle %v after the last of 5 events 50 ms apart (200 ms idle timeout)", (took-200*time.Millisecond).Round(10*time.Millisecond)))
}
