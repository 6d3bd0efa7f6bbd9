package shipper

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

func deletedOpen() int {
	ents, _ := os.ReadDir("/proc/self/fd")
	n := 0
	for _, e := range ents {
		if l, err := os.Readlink(filepath.Join("/proc/self/fd", e.Name())); err == nil && strings.HasSuffix(l, "(deleted)") {
			n++
		}
	}
	return n
}

type up struct {
	calls, maxDeleted int
	failOn            string
}

func (u *up) Upload(ctx context.Context, name string, r io.Reader) error {
	u.calls++
	io.Copy(io.Discard, r)
	if d := deletedOpen(); d > u.maxDeleted {
		u.maxDeleted = d
	}
	if name == u.failOn {
		return errors.New("rejected")
	}
	return nil
}

func archive(t *testing.T, n int) string {
	dir := t.TempDir()
	for i := 0; i < n; i++ {
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("app-%04d.log.gz", i)), make([]byte, 4096), 0o644)
	}
	return dir
}

func TestRemoveOpen(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "x")
	os.WriteFile(p, []byte("data"), 0o644)
	f, _ := os.Open(p)
	defer f.Close()
	err := os.Remove(p)
	b, _ := io.ReadAll(f)
	report(err == nil && string(b) == "data", "i1", "os.Remove of an open file succeeds on Linux, and the open file still reads its data")
}

func TestDeferInLoop(t *testing.T) {
	dir := archive(t, 300)
	u := &up{}
	base := deletedOpen()
	err := ShipArchive(context.Background(), dir, u)
	after := deletedOpen() - base
	report(err == nil && u.maxDeleted-base == 299 && after == 0, "i2",
		fmt.Sprintf("uploading file 300 of 300, %d deleted files are still open (their blocks not freed); %d once ShipArchive returns", u.maxDeleted-base, after))
}

func TestIdleFires(t *testing.T) {
	events := make(chan Event)
	go func() {
		for i := 0; i < 50; i++ {
			events <- Event{}
			time.Sleep(10 * time.Millisecond)
		}
	}()
	start := time.Now()
	err := consumeFast(context.Background(), events, func(Event) {})
	took := time.Since(start)
	report(err == ErrIdle && took > 600*time.Millisecond && took < 1500*time.Millisecond, "i3",
		fmt.Sprintf("with a 200 ms idle timeout: 50 events 10 ms apart, then silence: ErrIdle after %v", took.Round(10*time.Millisecond)))
}

func heap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func TestTimersPileUp(t *testing.T) {
	events := make(chan Event, 1024)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { Consume(ctx, events, func(Event) {}); close(done) }()
	base := heap()
	for i := 0; i < 240000; i++ {
		events <- Event{}
	}
	for len(events) > 0 {
		time.Sleep(time.Millisecond)
	}
	grown := heap() - base
	cancel()
	<-done
	report(grown > 20<<20, "i4", fmt.Sprintf("240,000 events (two minutes at 2,000/s) leave %d MiB of pending timers (Go %s, go.mod below 1.23)", grown>>20, runtime.Version()))
}

func TestPoisonFile(t *testing.T) {
	dir := archive(t, 5)
	u := &up{failOn: "app-0000.log.gz"}
	for run := 0; run < 3; run++ {
		ShipArchive(context.Background(), dir, u)
	}
	left, _ := filepath.Glob(filepath.Join(dir, "*.log.gz"))
	report(len(left) == 5 && u.calls == 3, "i5", fmt.Sprintf("a rejected first file: 3 runs, %d upload calls, %d of 5 files still waiting", u.calls, len(left)))
}
