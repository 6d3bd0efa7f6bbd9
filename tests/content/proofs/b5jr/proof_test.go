package pubsub

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

func within(d time.Duration, f func()) bool {
	done := make(chan struct{})
	go func() { f(); close(done) }()
	select {
	case <-done:
		return true
	case <-time.After(d):
		return false
	}
}

func TestSlowSubscriberStallsAll(t *testing.T) {
	b := NewBroker()
	_, unsub := b.Subscribe("room")      // a client that stopped reading
	go func() {
		for i := 0; i < 17; i++ { // the 17th blocks with b.mu held
			b.Publish(Event{Topic: "room"})
		}
	}()
	time.Sleep(100 * time.Millisecond)
	other := within(500*time.Millisecond, func() { b.Publish(Event{Topic: "lobby"}) })
	sub := within(500*time.Millisecond, func() { b.Subscribe("lobby") })
	leave := within(500*time.Millisecond, unsub)
	report(!other && !sub && !leave, "i5",
		"after 16 unread events, Publish to another room, Subscribe and the stalled client's own unsubscribe are all still blocked after 500 ms")
}

func TestDoubleUnsubscribe(t *testing.T) {
	b := NewBroker()
	_, unsub := b.Subscribe("room")
	unsub()
	var msg interface{}
	func() {
		defer func() { msg = recover() }()
		unsub()
	}()
	report(fmt.Sprint(msg) == "close of closed channel", "i3", fmt.Sprintf("the second unsubscribe panics: %v", msg))
}

func TestNoSendOnClosedNoRace(t *testing.T) {
	b := NewBroker()
	stop := make(chan struct{})
	var wg sync.WaitGroup
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
	var subs sync.WaitGroup
	for s := 0; s < 8; s++ {
		subs.Add(1)
		go func() {
			defer subs.Done()
			for i := 0; i < 300; i++ {
				ch, unsub := b.Subscribe("room")
				drained := make(chan struct{})
				go func() {
					for range ch {
					}
					close(drained)
				}()
				unsub()
				<-drained
			}
		}()
	}
	subs.Wait()
	close(stop)
	wg.Wait()
	// A panic or a race report fails the whole `go test -race` run.
	report(true, "i4", "2,400 subscribe/unsubscribe cycles against 4 busy publishers: no send on a closed channel")
	report(true, "i2", "the same run under -race: no race on the subscriber slices")
}

func TestSharedPayload(t *testing.T) {
	b := NewBroker()
	a, _ := b.Subscribe("room")
	c, _ := b.Subscribe("room")
	b.Publish(Event{Topic: "room", Payload: []byte("hello")})
	ea, ec := <-a, <-c
	ea.Payload[0] = 'J'
	report(string(ec.Payload) == "Jello", "i1", "a subscriber that edits its Payload changes the other subscriber's event: "+string(ec.Payload))
}
