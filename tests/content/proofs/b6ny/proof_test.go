package session

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
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
	if os.Getenv("B6NY_CHILD") == "" {
		t.Skip()
	}
	for round := 0; round < 200; round++ {
		s := NewStore()
		for i := 0; i < 2000; i++ {
			s.Put(fmt.Sprint(i), &Session{Expires: time.Now().Add(-time.Second)})
		}
		var wg sync.WaitGroup
		for g := 0; g < 8; g++ {
			wg.Add(1)
			go func(g int) {
				defer wg.Done()
				for i := g; i < 2000; i += 8 {
					s.Get(fmt.Sprint(i))
				}
			}(g)
		}
		wg.Wait()
	}
}

func child(race bool, run string) string {
	args := []string{"test", "-count=1", "-run", run, "."}
	if race {
		args = append([]string{"test", "-race"}, args[1:]...)
	}
	cmd := exec.Command("go", args...)
	cmd.Env = append(os.Environ(), "B6NY_CHILD=1")
	out, _ := cmd.CombinedOutput()
	return string(out)
}

func TestGetDeleteUnderRLock(t *testing.T) {
	out := child(false, "TestCrashChild$")
	fatal := strings.Contains(out, "fatal error: concurrent map")
	line := ""
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "fatal error") {
			line = l
			break
		}
	}
	report(fatal, "i2", "8 goroutines calling Get on expired sessions kill the process: "+line)
}

func TestTouchRaceChild(t *testing.T) {
	if os.Getenv("B6NY_CHILD") == "" {
		t.Skip()
	}
	s := NewStore()
	s.Put("a", &Session{UserID: "u", Expires: time.Now().Add(time.Hour)})
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); s.Touch("a", time.Hour) }()
	go func() {
		defer wg.Done()
		if sess, ok := s.Get("a"); ok {
			_ = sess.Expires
		}
	}()
	wg.Wait()
}

func TestTouchRace(t *testing.T) {
	out := child(true, "TestTouchRaceChild$")
	report(strings.Contains(out, "WARNING: DATA RACE") && strings.Contains(out, "Touch"), "i5", "go test -race reports the write in Touch against the read in Get")
}

func TestDeleteDuringRange(t *testing.T) {
	m := map[int]int{}
	for i := 0; i < 10000; i++ {
		m[i] = i
	}
	for k := range m {
		if k%2 == 0 {
			delete(m, k)
		}
	}
	report(len(m) == 5000, "i1", fmt.Sprintf("deleting inside range leaves exactly the %d entries kept, no panic", len(m)))
}

func TestWriterNotStarved(t *testing.T) {
	var mu sync.RWMutex
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for r := 0; r < 8; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				mu.RLock()
				time.Sleep(time.Millisecond)
				mu.RUnlock()
			}
		}()
	}
	time.Sleep(50 * time.Millisecond)
	var worst time.Duration
	for i := 0; i < 20; i++ {
		start := time.Now()
		mu.Lock()
		if d := time.Since(start); d > worst {
			worst = d
		}
		mu.Unlock()
	}
	close(stop)
	wg.Wait()
	report(worst < 100*time.Millisecond, "i3", fmt.Sprintf("with 8 readers always overlapping, Lock waited at most %v over 20 tries", worst.Round(time.Millisecond)))
}

func TestJanitorLeak(t *testing.T) {
	before := runtime.NumGoroutine()
	for i := 0; i < 10; i++ {
		NewStore()
	}
	time.Sleep(50 * time.Millisecond)
	runtime.GC()
	after := runtime.NumGoroutine()
	report(after-before == 10, "i4", fmt.Sprintf("10 NewStore calls leave %d janitor goroutines running", after-before))
}
