package filter

import (
	"bytes"
	"slices"
	"strconv"
	"time"
)

// dupeHeader is the first line of a vacation history file. The lines after
// it are "KEY RECORDED EXPIRES": 32 hex digits, then two Unix times in
// seconds, oldest entry first.
const dupeHeader = "letterbox-vacation 1"

// dupeEntry is one remembered reply.
type dupeEntry struct {
	key      string
	recorded int64 // Unix seconds, when the reply was claimed
	expires  int64 // Unix seconds, when a new reply is allowed again
}

// dupeTable is the parsed file, oldest entry first.
type dupeTable struct {
	entries []dupeEntry
}

// parseDupes parses a history file. It never fails: lines that do not parse
// are dropped and counted in bad; a wrong header makes every line bad.
func parseDupes(data []byte) (t *dupeTable, bad int) {
	t = &dupeTable{}
	rest, ok := cutDupeHeader(data)
	if !ok {
		return t, bytes.Count(data, []byte("\n")) + 1
	}
	t.entries = make([]dupeEntry, 0, bytes.Count(rest, []byte("\n")))
	for len(rest) > 0 {
		var line []byte
		line, rest, _ = bytes.Cut(rest, []byte("\n"))
		e, ok := parseDupeLine(line)
		if !ok {
			bad++
			continue
		}
		t.entries = append(t.entries, e)
	}
	return t, bad
}

// cutDupeHeader returns data after the header line; ok is false when the
// header is wrong. An empty file is an empty table.
func cutDupeHeader(data []byte) (rest []byte, ok bool) {
	if len(data) == 0 {
		return nil, true
	}
	first, rest, _ := bytes.Cut(data, []byte("\n"))
	return rest, string(first) == dupeHeader
}

// activeIn reports whether the file data holds an unexpired entry for key,
// parsing only the lines of that key (Replied's fast path).
func activeIn(data []byte, key string, now time.Time) bool {
	rest, ok := cutDupeHeader(data)
	if !ok {
		return false
	}
	n := now.Unix()
	for len(rest) > 0 {
		var line []byte
		line, rest, _ = bytes.Cut(rest, []byte("\n"))
		if len(line) <= len(key) || string(line[:len(key)]) != key {
			continue
		}
		if e, ok := parseDupeLine(line); ok && e.expires > n {
			return true
		}
	}
	return false
}

// parseDupeLine parses "KEY RECORDED EXPIRES".
func parseDupeLine(line []byte) (dupeEntry, bool) {
	key, rest, ok1 := bytes.Cut(line, []byte(" "))
	rec, exp, ok2 := bytes.Cut(rest, []byte(" "))
	if !ok1 || !ok2 || len(key) != 32 || !isLowerHex(key) {
		return dupeEntry{}, false
	}
	r, err1 := strconv.ParseInt(string(rec), 10, 64)
	e, err2 := strconv.ParseInt(string(exp), 10, 64)
	if err1 != nil || err2 != nil {
		return dupeEntry{}, false
	}
	return dupeEntry{key: string(key), recorded: r, expires: e}, true
}

func isLowerHex(b []byte) bool {
	for _, c := range b {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// marshal renders the table in the file format.
func (t *dupeTable) marshal() []byte {
	b := make([]byte, 0, len(dupeHeader)+1+len(t.entries)*56)
	b = append(b, dupeHeader...)
	b = append(b, '\n')
	for _, e := range t.entries {
		b = append(b, e.key...)
		b = append(b, ' ')
		b = strconv.AppendInt(b, e.recorded, 10)
		b = append(b, ' ')
		b = strconv.AppendInt(b, e.expires, 10)
		b = append(b, '\n')
	}
	return b
}

// active reports whether key has an entry that has not expired at now.
func (t *dupeTable) active(key string, now time.Time) bool {
	n := now.Unix()
	for _, e := range t.entries {
		if e.key == key && e.expires > n {
			return true
		}
	}
	return false
}

// prune drops the entries expired at now.
func (t *dupeTable) prune(now time.Time) {
	n := now.Unix()
	t.entries = slices.DeleteFunc(t.entries, func(e dupeEntry) bool { return e.expires <= n })
}

// add appends e, replacing an older entry for the same key, and evicts the
// oldest entries beyond limit.
func (t *dupeTable) add(e dupeEntry, limit int) {
	t.remove(e.key)
	t.entries = append(t.entries, e)
	if over := len(t.entries) - limit; over > 0 {
		t.entries = slices.Delete(t.entries, 0, over)
	}
}

// remove drops every entry for key and reports whether there was one.
func (t *dupeTable) remove(key string) bool {
	n := len(t.entries)
	t.entries = slices.DeleteFunc(t.entries, func(e dupeEntry) bool { return e.key == key })
	return len(t.entries) != n
}
