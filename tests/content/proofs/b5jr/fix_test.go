package pubsub

// Runs, under -race, against the snippet with the explanations' fixes applied (see run).
import (
	"fmt"
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

func TestFixes(t *testing.T) {
	b := NewBroker()
	_, unsub := b.Subscribe("room")
	var msg interface{}
	func() {
		defer func() { msg = recover() }()
		unsub()
		unsub()
	}()
	report(msg == nil, "i3 fix", fmt.Sprintf("with the body under a sync.Once, a second unsubscribe is a no-op (recovered: %v)", msg))

	stalled, unsubStalled := b.Subscribe("room") // never read
	fast, unsubFast := b.Subscribe("room")
	got := make(chan int)
	go func() {
		n := 0
		for range fast {
			n++
		}
		got <- n
	}()
	done := make(chan bool)
	go func() {
		for i := 0; i < 1000; i++ {
			b.Publish(Event{Topic: "room", Payload: []byte("hi")})
		}
		done <- true
	}()
	var finished bool
	select {
	case finished = <-done:
	case <-time.After(5 * time.Second):
	}
	unsubStalled() // the stalled client leaves: needs b.mu
	unsubFast()
	n := <-got
	report(finished && len(stalled) == 16, "i5 fix",
		fmt.Sprintf("with a non-blocking send under b.mu, 1,000 publishes finish past a subscriber that stopped reading (it holds %d, the rest dropped), a reader gets %d, and both unsubscribe afterwards", len(stalled), n))

	// Concurrent publish and unsubscribe, both under b.mu: no send on a closed channel.
	var wg sync.WaitGroup
	stop := make(chan bool)
	for p := 0; p < 4; p++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
					b.Publish(Event{Topic: "room"})
				}
			}
		}()
	}
	for i := 0; i < 600; i++ {
		ch, u := b.Subscribe("room")
		if i%2 == 0 {
			<-ch
		}
		u()
		u()
	}
	close(stop)
	wg.Wait()
	report(true, "i5 fix", "600 subscribe/double-unsubscribe cycles against 4 publishers: no panic, no race report")
}

// Run without -race: the race is the point. copyThenSend is the other recipe without its caveat: the list copied under
// the lock, the sends outside it, unsubscribe still closing the channel.
func copyThenSend(b *Broker, e Event) {
	b.mu.Lock()
	list := append([]chan Event(nil), b.subs[e.Topic]...)
	b.mu.Unlock()
	for _, ch := range list {
		ch <- e
	}
}

func TestCopyThenSendPanics(t *testing.T) {
	b := NewBroker()
	ch, unsub := b.Subscribe("room")
	for len(ch) < cap(ch) {
		copyThenSend(b, Event{Topic: "room"})
	}
	res := make(chan interface{})
	go func() {
		defer func() { res <- recover() }()
		copyThenSend(b, Event{Topic: "room"}) // blocks on the full channel, outside the lock
	}()
	time.Sleep(100 * time.Millisecond)
	unsub()
	msg := <-res
	report(fmt.Sprint(msg) == "send on closed channel", "i5",
		fmt.Sprintf("copying the list and sending outside the lock while unsubscribe still closes: %v", msg))
}
