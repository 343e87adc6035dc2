package logrot

import (
	"time"

	"golang.org/x/sys/unix"
)

// The lease: a Writer keeps the rotation lock (flock) between Writes while
// nobody else asks for it, so that a busy writer pays for neither taking and
// dropping the lock nor for the wait of a contended flock on every record.
// A lease ends when a writer of another descriptor waits for the lock (seen
// every leaseProbe records), when it has not been used for a leaseTick, when
// it is older than leaseMax (so that lockers that do not announce themselves
// get their turn too), on any error, and at Close. The kernel drops the lock
// of a process that dies, so a killed holder never wedges the others.
const (
	// leaseProbe is how many records a lease holder writes between two
	// looks at whether another descriptor waits for the lock.
	leaseProbe = 16
	// leaseTick is how often an unused lease is looked at; a lease idle
	// for a whole tick is released.
	leaseTick = time.Millisecond
	// leaseMax is the longest a lease is held in one go.
	leaseMax = 10 * time.Millisecond
	// statEvery is how long a statx of the current file taken under a lease
	// is trusted: records written within it, while the lease lasts, skip the
	// statx (see trusted).
	statEvery = 5 * time.Microsecond
	// handoffWait bounds how long a writer that released its lease for a
	// waiter lets it go first before competing for the lock again.
	handoffWait = 200 * time.Microsecond
)

// lease is the lease state of a Writer, guarded by Writer.mu.
type lease struct {
	held    bool
	used    bool      // used since the last tick
	uses    uint64    // operations under this lease
	start   time.Time // when it was taken
	handoff bool      // released for a waiter: let it go first
	started bool      // the expiry goroutine runs
	wake    chan struct{}
	stop    chan struct{}
	done    chan struct{}
}

// known is what the last statx of the current file said, brought up to
// date by the writer's own appends.
type known struct {
	ok   bool
	size int64
	at   time.Time // when the statx was made
}

// trusted reports whether a record of n bytes may be written without a
// statx of the current file: the lock has been held since a statx made less
// than statEvery ago (so no writer can have rotated or appended meanwhile)
// and the record fits. Only an outside change to the file (rm, mv,
// truncate: logrot itself changes it only under the lock) can escape this,
// for the few records of those microseconds, as a record racing with such a
// change always could. A by-path check that falls due is made at the first
// record after the window.
func (w *Writer) trusted(n int64) bool {
	k := &w.known
	return n > 0 && k.ok && w.lease.held && k.size+n <= w.opts.MaxBytes &&
		time.Since(k.at) < statEvery
}

// settle ends an operation under the lock (err is its result): the lock is
// kept as a lease unless the operation failed or another descriptor waits.
func (w *Writer) settle(err error) {
	l := &w.lease
	l.uses++
	l.used = true
	if err == nil && (l.uses%leaseProbe != 0 || !w.lock.wanted()) {
		if !l.held {
			l.held, l.start = true, time.Now()
			w.startExpiry()
		}
		return
	}
	l.handoff = err == nil
	w.endLease()
}

// endLease releases the lock held as a lease.
func (w *Writer) endLease() {
	w.lease.held = false
	w.lease.uses = 0
	w.known.ok = false
	w.lock.release()
}

// yield gives a writer we released the lock for a short time to take it,
// so that a busy writer does not take it straight back.
func (w *Writer) yield() {
	if !w.lease.handoff {
		return
	}
	w.lease.handoff = false
	deadline := time.Now().Add(handoffWait)
	for w.lock.wanted() && time.Now().Before(deadline) {
		unix.Syscall(unix.SYS_SCHED_YIELD, 0, 0, 0)
	}
}

// startExpiry makes sure the goroutine that ends idle and old leases runs,
// and tells it that a lease began.
func (w *Writer) startExpiry() {
	l := &w.lease
	if !l.started {
		l.started = true
		l.wake = make(chan struct{}, 1)
		l.stop = make(chan struct{})
		l.done = make(chan struct{})
		go w.expire(l.wake, l.stop, l.done)
	}
	select {
	case l.wake <- struct{}{}:
	default:
	}
}

// expire ends leases that are idle for a tick or older than leaseMax, until
// stop is closed.
func (w *Writer) expire(wake, stop <-chan struct{}, done chan<- struct{}) {
	defer close(done)
	t := time.NewTimer(leaseTick)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-wake:
		}
		for held := true; held; held = w.expireTick() {
			t.Reset(leaseTick)
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}
}

// expireTick ends the lease if it was idle since the last tick or is too
// old, and reports whether it is still held.
func (w *Writer) expireTick() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	l := &w.lease
	if !l.held {
		return false
	}
	if !l.used || time.Since(l.start) >= leaseMax {
		l.handoff = l.used
		w.endLease()
		return false
	}
	l.used = false
	return true
}

// stopExpiry stops the expiry goroutine and waits for it. The caller does
// not hold Writer.mu.
func (w *Writer) stopExpiry(l *lease) {
	if l.started {
		close(l.stop)
		<-l.done
	}
}
