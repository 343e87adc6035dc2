//go:build unix

package filter

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// lock takes the exclusive flock on Path+".lock", waiting at most the lock
// timeout or until ctx is done. flock(2) locks belong to the open file
// description, so goroutines of one process exclude each other too.
func (s *DupeStore) lock(ctx context.Context) (unlock func() error, err error) {
	f, err := os.OpenFile(s.path+".lock", os.O_RDWR|os.O_CREATE, s.mode)
	if err != nil {
		return nil, fmt.Errorf("filter: dupe store: lock: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	wait := 100 * time.Microsecond
	for {
		err = unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
		if err == nil {
			return f.Close, nil // closing the descriptor releases the lock
		}
		if !errors.Is(err, unix.EWOULDBLOCK) && !errors.Is(err, unix.EINTR) {
			f.Close()
			return nil, fmt.Errorf("filter: dupe store: lock: %w", err)
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, fmt.Errorf("filter: dupe store: lock: %w", errors.Join(ErrLockTimeout, ctx.Err()))
		case <-time.After(wait):
		}
		wait = min(2*wait, 10*time.Millisecond)
	}
}
