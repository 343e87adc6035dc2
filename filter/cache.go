package filter

import (
	"container/list"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Cache defaults; see Options.
const (
	defaultCacheEntries = 1000
	defaultCacheTTL     = time.Minute
	defaultScriptBytes  = 1 << 20
)

// scriptKey identifies one version of one script file: a changed file
// (new inode after a ManageSieve rename, new mtime or size) is a new key.
type scriptKey struct {
	path        string
	personalDir string
	dev, ino    uint64
	mtime       int64
	size        int64
}

func keyOf(path, personalDir string, fi fs.FileInfo) scriptKey {
	dev, ino := fileID(fi)
	return scriptKey{path: path, personalDir: personalDir, dev: dev, ino: ino,
		mtime: fi.ModTime().UnixNano(), size: fi.Size()}
}

// cacheEntry is one compiled script, or its compile error. ready is closed
// once script and err are set; until then other callers wait for it.
type cacheEntry struct {
	key    scriptKey
	script *Script
	err    error
	loaded time.Time
	elem   *list.Element
	ready  chan struct{}
}

// scriptCache holds compiled scripts in memory, least recently used
// evicted first. Entries older than ttl are compiled again, so that a
// changed included script is seen within ttl. It is safe for concurrent
// use; concurrent misses for one key compile once.
type scriptCache struct {
	mu      sync.Mutex
	max     int
	ttl     time.Duration
	entries map[scriptKey]*cacheEntry
	lru     *list.List // of *cacheEntry, most recent first
	now     func() time.Time
}

func newScriptCache(max int, ttl time.Duration) *scriptCache {
	return &scriptCache{max: max, ttl: ttl, entries: map[scriptKey]*cacheEntry{},
		lru: list.New(), now: time.Now}
}

// load returns the entry of the compiled script at path. found is false
// when the file does not exist. A compile error is a *ScriptError (cached
// like a script); other errors are I/O errors, never cached.
func (c *scriptCache) load(ctx context.Context, path string, opts CompileOptions) (e *cacheEntry, found bool, err error) {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("filter: script %s: %w", path, err)
	}
	if !fi.Mode().IsRegular() {
		return nil, true, &ScriptError{File: path, Msg: "not a regular file"}
	}
	e, owner := c.entry(keyOf(path, opts.PersonalDir, fi))
	if owner {
		c.compile(e, path, opts)
	}
	select {
	case <-e.ready:
		return e, true, e.err
	case <-ctx.Done():
		return nil, true, ctx.Err()
	}
}

// entry returns the live entry for key, or a new one that the caller
// (owner) must compile.
func (c *scriptCache) entry(key scriptKey) (e *cacheEntry, owner bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	if e := c.entries[key]; e != nil && now.Sub(e.loaded) < c.ttl {
		c.lru.MoveToFront(e.elem)
		return e, false
	} else if e != nil {
		c.removeLocked(e)
	}
	e = &cacheEntry{key: key, loaded: now, ready: make(chan struct{})}
	e.elem = c.lru.PushFront(e)
	c.entries[key] = e
	for c.lru.Len() > c.max {
		c.removeLocked(c.lru.Back().Value.(*cacheEntry))
	}
	return e, true
}

func (c *scriptCache) removeLocked(e *cacheEntry) {
	if c.entries[e.key] == e {
		delete(c.entries, e.key)
		c.lru.Remove(e.elem)
	}
}

// compile reads and compiles the script of e and publishes the result. An
// I/O error is handed to the waiting callers but not kept.
func (c *scriptCache) compile(e *cacheEntry, path string, opts CompileOptions) {
	defer close(e.ready)
	src, err := readScript(path, opts.Limits.MaxScriptBytes)
	if err != nil {
		e.err = err
		c.mu.Lock()
		c.removeLocked(e)
		c.mu.Unlock()
		return
	}
	name := path
	if real, err := filepath.EvalSymlinks(path); err == nil {
		name = real
	}
	e.script, e.err = Compile(name, src, opts)
}

// readScript reads at most limit+1 bytes, so that Compile can refuse a
// script over the limit without the whole file in memory.
func readScript(path string, limit int) ([]byte, error) {
	if limit <= 0 {
		limit = defaultScriptBytes
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("filter: script %s: %w", path, err)
	}
	defer f.Close()
	src, err := io.ReadAll(io.LimitReader(f, int64(limit)+1))
	if err != nil {
		return nil, fmt.Errorf("filter: script %s: %w", path, err)
	}
	return src, nil
}

// len returns the number of cached entries.
func (c *scriptCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lru.Len()
}
