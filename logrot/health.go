package logrot

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// errorLog writes the writer's own trouble, one line each, to
// Options.ErrorLog. It is shared with the background compressor.
type errorLog struct {
	mu       sync.Mutex
	w        io.Writer
	path     string
	lastWarn string
}

func (e *errorLog) printf(format string, args ...any) {
	e.mu.Lock()
	defer e.mu.Unlock()
	fmt.Fprintf(e.w, "logrot: %s: %s\n", e.path, fmt.Sprintf(format, args...))
}

// warn reports a problem that does not lose records, once per distinct text.
func (e *errorLog) warn(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	e.mu.Lock()
	if msg == e.lastWarn {
		e.mu.Unlock()
		return
	}
	e.lastWarn = msg
	e.mu.Unlock()
	e.printf("%s", msg)
}

// health tracks whether records are being written or dropped. Guarded by
// Writer.mu.
type health struct {
	out     *errorLog
	failing bool
	retryAt time.Time
	reason  string
	lost    uint64 // dropped since the failure began
	dropped uint64 // dropped since Open
}

// waiting reports whether records are to be dropped without trying.
func (h *health) waiting(now time.Time) bool {
	return h.failing && now.Before(h.retryAt)
}

func (h *health) drop() {
	h.dropped++
	h.lost++
}

// fail records a failed attempt, reporting it unless it repeats the last.
func (h *health) fail(err error, now time.Time, retry time.Duration) {
	msg := err.Error()
	if !h.failing || msg != h.reason {
		h.out.printf("%s; dropping log records, retrying every %v", msg, retry)
	}
	h.failing, h.reason, h.retryAt = true, msg, now.Add(retry)
}

// ok records a successful write, reporting the end of a failure.
func (h *health) ok() {
	if !h.failing {
		return
	}
	h.out.printf("writing again; %d log records dropped", h.lost)
	h.failing, h.reason, h.lost = false, "", 0
}

// closing reports records dropped by a failure still going on at Close.
func (h *health) closing() {
	if h.failing && h.lost > 0 {
		h.out.printf("closed while failing; %d log records dropped", h.lost)
	}
}
