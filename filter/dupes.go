package filter

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// DefaultVacationFile is the name, relative to the user's home directory,
// of the vacation reply history that [DefaultVacationPath] returns.
const DefaultVacationFile = ".letterbox.vacation"

// MinDupeEntries is the smallest number of entries a [DupeStore] keeps:
// RFC 5230 section 4.2 asks for at least 1000.
const MinDupeEntries = 1000

// defaultLockTimeout bounds the wait for another delivery's lock.
const defaultLockTimeout = 10 * time.Second

// DefaultVacationPath returns the default vacation history file of a user
// whose home directory is home.
func DefaultVacationPath(home string) string {
	return filepath.Join(home, DefaultVacationFile)
}

// DupeStoreOptions configures a [DupeStore]. The zero value of every field
// except Path is the safe behaviour.
type DupeStoreOptions struct {
	// Path is the history file (required), for example
	// DefaultVacationPath(home). A lock file Path+".lock" and a temporary
	// file Path+".tmp" are created beside it.
	Path string
	// MaxEntries bounds the number of remembered replies; when full, the
	// oldest entry is evicted first. Zero, or any value below
	// MinDupeEntries, means MinDupeEntries.
	MaxEntries int
	// LockTimeout bounds the wait for the lock held by another delivery;
	// the context's deadline applies too. Zero means 10 seconds.
	LockTimeout time.Duration
	// NoSync skips fsync of the rewritten file. Zero (false) syncs, so a
	// recorded reply survives a crash.
	NoSync bool
	// FileMode is the permission of a newly created file. Zero means 0600.
	FileMode os.FileMode
	// Logger receives a warning when the file is corrupt. Nil discards.
	Logger *slog.Logger
}

// DupeStore is the file-backed [VacationStore]: the per-user history of
// vacation replies, keyed by a SHA-256 hash of the lower-cased sender and
// the response handle (like Pigeonhole's MD5 in ~/.dovecot.lda-dupes), each
// entry with its own expiry.
//
// The file survives restarts and is shared safely by concurrent deliveries,
// in one process or many: writers take an exclusive flock(2) on Path+".lock",
// write Path+".tmp", sync it and rename it over Path, so readers always see
// a whole file without locking.
//
// A corrupt file never stops delivery: lines that do not parse are dropped
// (a warning goes to Options.Logger) and the store behaves as if they were
// absent, so at worst one extra reply is sent; the next Claim rewrites a
// clean file. Only I/O errors (permissions, disk full, lock timeout) are
// returned.
//
// A DupeStore is safe for concurrent use.
type DupeStore struct {
	path    string
	max     int
	timeout time.Duration
	noSync  bool
	mode    os.FileMode
	log     *slog.Logger
}

var _ VacationStore = (*DupeStore)(nil)

// NewDupeStore validates opts and returns the store. It does not touch the
// file system: the file is created by the first Claim.
func NewDupeStore(opts DupeStoreOptions) (*DupeStore, error) {
	if opts.Path == "" {
		return nil, fmt.Errorf("filter: dupe store: %w", ErrNoDupePath)
	}
	if opts.LockTimeout < 0 {
		return nil, fmt.Errorf("filter: dupe store: negative lock timeout %v", opts.LockTimeout)
	}
	s := &DupeStore{
		path:    opts.Path,
		max:     max(opts.MaxEntries, MinDupeEntries),
		timeout: opts.LockTimeout,
		noSync:  opts.NoSync,
		mode:    opts.FileMode,
		log:     opts.Logger,
	}
	if s.timeout == 0 {
		s.timeout = defaultLockTimeout
	}
	if s.mode == 0 {
		s.mode = 0o600
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	return s, nil
}

// Path returns the history file's path.
func (s *DupeStore) Path() string { return s.path }

// dupeKey is the hash identifying one (sender, handle) pair.
func dupeKey(sender, handle string) string {
	h := sha256.New()
	h.Write([]byte(strings.ToLower(sender)))
	h.Write([]byte{0})
	h.Write([]byte(handle))
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// Replied reports whether a reply to sender for handle was recorded and has
// not expired at now. It reads without locking.
func (s *DupeStore) Replied(ctx context.Context, sender, handle string, now time.Time) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, fmt.Errorf("filter: dupe store: %w", err)
	}
	data, err := s.read()
	if err != nil {
		return false, err
	}
	return activeIn(data, dupeKey(sender, handle), now), nil
}

// Claim atomically checks for an unexpired reply to sender for handle and,
// if there is none, records one that expires at until. It returns true when
// the caller should send the reply, false when one was already recorded.
// Expired entries are pruned and the oldest entries evicted beyond
// Options.MaxEntries. Of concurrent Claims for the same pair, in any
// number of processes, exactly one returns true. An until not after now
// (vacation-seconds :seconds 0, "always reply") records nothing.
func (s *DupeStore) Claim(ctx context.Context, sender, handle string, now, until time.Time) (bool, error) {
	key := dupeKey(sender, handle)
	if !until.After(now) {
		replied, err := s.Replied(ctx, sender, handle, now)
		return !replied, err
	}
	claimed := false
	err := s.update(ctx, func(t *dupeTable) bool {
		t.prune(now)
		if t.active(key, now) {
			return false
		}
		t.add(dupeEntry{key: key, recorded: now.Unix(), expires: until.Unix()}, s.max)
		claimed = true
		return true
	})
	if err != nil {
		return false, err
	}
	return claimed, nil
}

// Release forgets the reply to sender for handle, so that the next message
// may be answered again; deliver calls it when sending a claimed reply
// failed. Releasing an unknown pair is not an error.
func (s *DupeStore) Release(ctx context.Context, sender, handle string) error {
	key := dupeKey(sender, handle)
	return s.update(ctx, func(t *dupeTable) bool {
		return t.remove(key)
	})
}

// read returns the file's content; a missing file is empty.
func (s *DupeStore) read() ([]byte, error) {
	data, err := os.ReadFile(s.path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("filter: dupe store: read: %w", err)
	}
	return data, nil
}

// load reads and parses the current file, logging corrupt lines.
func (s *DupeStore) load(ctx context.Context) (*dupeTable, error) {
	data, err := s.read()
	if err != nil {
		return nil, err
	}
	t, bad := parseDupes(data)
	if bad > 0 {
		s.log.LogAttrs(ctx, slog.LevelWarn, "vacation history corrupt, ignoring bad lines",
			slog.String("path", s.path), slog.Int("bad_lines", bad))
	}
	return t, nil
}

// update runs fn on the table under the exclusive lock and writes the
// table back when fn reports a change.
func (s *DupeStore) update(ctx context.Context, fn func(*dupeTable) bool) (err error) {
	unlock, err := s.lock(ctx)
	if err != nil {
		return err
	}
	defer func() {
		if uerr := unlock(); uerr != nil && err == nil {
			err = fmt.Errorf("filter: dupe store: unlock: %w", uerr)
		}
	}()
	t, err := s.load(ctx)
	if err != nil {
		return err
	}
	if !fn(t) {
		return nil
	}
	return s.write(t)
}

// write replaces the file with t: tmp, sync, rename. The caller holds the lock.
func (s *DupeStore) write(t *dupeTable) (err error) {
	tmp := s.path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, s.mode)
	if err != nil {
		return fmt.Errorf("filter: dupe store: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err = f.Write(t.marshal()); err != nil {
		return fmt.Errorf("filter: dupe store: write: %w", err)
	}
	if !s.noSync {
		if err = f.Sync(); err != nil {
			return fmt.Errorf("filter: dupe store: sync: %w", err)
		}
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("filter: dupe store: close: %w", err)
	}
	if err = os.Rename(tmp, s.path); err != nil {
		return fmt.Errorf("filter: dupe store: %w", err)
	}
	return nil
}
