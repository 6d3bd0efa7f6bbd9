package health

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"os/exec"
	"strings"
	"sync"
	"testing"
)

func report(ok bool, id, msg string) {
	if ok {
		fmt.Printf("ok %s: %s\n", id, msg)
	} else {
		fmt.Printf("FAIL %s: %s\n", id, msg)
	}
}

func servers(n int) ([]string, func()) {
	var urls []string
	var all []*httptest.Server
	for i := 0; i < n; i++ {
		s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, "ok\n")
		}))
		all = append(all, s)
		urls = append(urls, s.URL)
	}
	return urls, func() {
		for _, s := range all {
			s.Close()
		}
	}
}

// Runs in a child process without the race detector, which would abort the
// test on the race of i3 before the count could be seen.
func TestWaitTooEarly(t *testing.T) {
	out, err := exec.Command("go", "test", "-count=1", "-run", "TestCountOnly$", "-v", ".").CombinedOutput()
	if err != nil && !strings.Contains(string(out), "short runs") {
		t.Log(string(out))
	}
	short := strings.Contains(string(out), "short runs")
	var line string
	for _, l := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(l, "short runs") {
			line = l
		}
	}
	report(short, "i5", "CheckAll over 40 URLs, run 20 times: "+line)
}

func TestCountOnly(t *testing.T) {
	urls, stop := servers(40)
	defer stop()
	short := 0
	minimum := 40
	for i := 0; i < 20; i++ {
		n := len(CheckAll(urls))
		if n < 40 {
			short++
		}
		if n < minimum {
			minimum = n
		}
	}
	if short > 0 {
		fmt.Printf("short runs %d/20, fewest results %d\n", short, minimum)
	}
}

func TestRace(t *testing.T) {
	out, _ := exec.Command("go", "test", "-race", "-count=1", "-run", "TestCountOnly$", ".").CombinedOutput()
	report(strings.Contains(string(out), "WARNING: DATA RACE") && strings.Contains(string(out), "CheckAll"),
		"i3", "go test -race reports a data race inside CheckAll (the shared append)")
}

func TestLoopVarOld(t *testing.T) {
	// With a go.mod older than 1.22 (this module says 1.19), every closure
	// shares one loop variable: the semantics the candidate describes.
	var wg sync.WaitGroup
	var mu sync.Mutex
	seen := map[string]bool{}
	for _, u := range []string{"a", "b", "c"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			seen[u] = true // the old shared variable
			mu.Unlock()
		}()
	}
	wg.Wait()
	report(len(seen) < 3, "i2", fmt.Sprintf("under a go 1.19 go.mod the closures see %d distinct value(s) of 3: the pre-1.22 behaviour; the per-iteration variable of go 1.22 is read from the Go 1.22 release notes (NOTES.md)", len(seen)))
}

func TestSharedClient(t *testing.T) {
	// The docs' claim is checked by the race detector: one client, 40 goroutines.
	urls, stop := servers(1)
	defer stop()
	client := &http.Client{}
	var wg sync.WaitGroup
	for i := 0; i < 40; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := client.Get(urls[0])
			if err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		}()
	}
	wg.Wait()
}

func TestSharedClientRace(t *testing.T) {
	out, err := exec.Command("go", "test", "-race", "-count=1", "-run", "TestSharedClient$", ".").CombinedOutput()
	report(err == nil && !strings.Contains(string(out), "DATA RACE"), "i4", "40 goroutines share one http.Client under -race without a report")
}

func reused(client *http.Client, url string, drain bool) bool {
	var got bool
	trace := &httptrace.ClientTrace{GotConn: func(i httptrace.GotConnInfo) { got = i.Reused }}
	for i := 0; i < 2; i++ {
		req, _ := http.NewRequest("GET", url, nil)
		req = req.WithContext(httptrace.WithClientTrace(req.Context(), trace))
		resp, err := client.Do(req)
		if err != nil {
			return false
		}
		if drain {
			io.Copy(io.Discard, resp.Body)
		}
		resp.Body.Close()
	}
	return got
}

func TestBodyNotRead(t *testing.T) {
	urls, stop := servers(1)
	defer stop()
	a := reused(&http.Client{Transport: &http.Transport{}}, urls[0], false)
	b := reused(&http.Client{Transport: &http.Transport{}}, urls[0], true)
	report(!a && b, "i1", fmt.Sprintf("second request reuses the connection: %v after Close without reading, %v after draining", a, b))
}
