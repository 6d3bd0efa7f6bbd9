package webhooks

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
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

func hung() (*httptest.Server, func()) {
	release := make(chan struct{})
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	return s, func() { close(release); s.Close() }
}

func TestContextBoundsDo(t *testing.T) {
	s, stop := hung()
	defer stop()
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, s.URL, nil)
	start := time.Now()
	_, err := client.Do(req)
	took := time.Since(start)
	report(err != nil && took < time.Second, "i1", fmt.Sprintf("the same client against a server that never answers: a 300 ms context ends Do after %v (%v)", took.Round(10*time.Millisecond), err))
}

func TestGetHangs(t *testing.T) {
	s, stop := hung()
	defer stop()
	done := make(chan struct{})
	go func() { LoadEndpoints(s.URL); close(done) }()
	select {
	case <-done:
		report(false, "i4", "LoadEndpoints returned")
	case <-time.After(2 * time.Second):
		report(true, "i4", "LoadEndpoints against a server that never answers is still waiting after 2 s")
	}
}

func TestScope(t *testing.T) {
	// Same statement as the snippet. Each attempt's context is cancelled
	// before the next one is made: were the next derived from it, it would
	// be born cancelled.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	alive := 0
	for attempt := 1; attempt <= 3; attempt++ {
		ctx, c := context.WithTimeout(ctx, 10*time.Second)
		if ctx.Err() == nil {
			alive++
		}
		c()
	}
	report(alive == 3 && ctx.Err() == nil, "i3", fmt.Sprintf("%d of 3 attempt contexts start alive although each previous one was cancelled: all derive from the outer ctx", alive))
}

func TestSleepIgnoresContext(t *testing.T) {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(500) }))
	defer s.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	done := make(chan error, 1)
	go func() { done <- Deliver(ctx, s.URL, []byte("{}")) }()
	select {
	case <-done:
		report(false, "i6", "Deliver returned quickly with a cancelled context")
	case <-time.After(1500 * time.Millisecond):
		report(true, "i6", "with its context already cancelled, Deliver is still sleeping after 1.5 s")
	}
}

func TestRetries4xx(t *testing.T) {
	var hits atomic.Int64
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.WriteHeader(http.StatusBadRequest)
	}))
	defer s.Close()
	go Deliver(context.Background(), s.URL, []byte("{}"))
	time.Sleep(2500 * time.Millisecond)
	report(hits.Load() == 2, "i8", fmt.Sprintf("a 400 answer is retried: %d requests in the first 2.5 s", hits.Load()))
}
