package health

// Runs, under -race, against the snippet with the explanations' fixes applied (see run).
import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

func report(ok bool, id, msg string) {
	if ok {
		fmt.Printf("ok %s: %s\n", id, msg)
	} else {
		fmt.Printf("FAIL %s: %s\n", id, msg)
	}
}

func TestFixes(t *testing.T) {
	var urls []string
	for i := 0; i < 40; i++ {
		s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok\n") }))
		defer s.Close()
		urls = append(urls, s.URL)
	}
	full, ordered := 0, 0
	for run := 0; run < 20; run++ {
		res := CheckAll(urls)
		if len(res) == 40 {
			full++
			inOrder := true
			for i, r := range res {
				inOrder = inOrder && r.URL == urls[i] && r.Status == 200
			}
			if inOrder {
				ordered++
			}
		}
	}
	report(full == 20, "i5 fix", fmt.Sprintf("with wg.Add(1) before go, 20 runs over 40 URLs return all 40 results %d times", full))
	report(ordered == 20, "i3 fix", fmt.Sprintf("with a preallocated slice and goroutine i writing only results[i], no race report under -race and %d of 20 runs are complete and in URL order", ordered))
}
