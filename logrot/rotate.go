package logrot

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"golang.org/x/sys/unix"
)

// rotated is one rotated file of the log, with the sizes of the names it
// may have on disk (a compression in progress has two or three).
type rotated struct {
	t                       time.Time
	plain, gz, tmp          int64
	hasPlain, hasGz, hasTmp bool
}

// bytes is the disk space the entry's names take (by file size).
func (r rotated) bytes() int64 { return r.plain + r.gz + r.tmp }

// listRotated returns the rotated files of the log base in dir, oldest first.
func listRotated(dir, base string) ([]rotated, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	byTime := map[time.Time]*rotated{}
	for _, e := range entries {
		t, k, err := ParseRotatedName(base, e.Name())
		if err != nil {
			continue
		}
		info, err := e.Info()
		if err != nil { // removed meanwhile
			continue
		}
		t = t.UTC()
		r := byTime[t]
		if r == nil {
			r = &rotated{t: t}
			byTime[t] = r
		}
		switch k {
		case Plain:
			r.plain, r.hasPlain = info.Size(), true
		case Gzip:
			r.gz, r.hasGz = info.Size(), true
		case GzipTemp:
			r.tmp, r.hasTmp = info.Size(), true
		}
	}
	list := make([]rotated, 0, len(byTime))
	for _, r := range byTime {
		list = append(list, *r)
	}
	slices.SortFunc(list, func(a, b rotated) int { return a.t.Compare(b.t) })
	return list, nil
}

// rotate renames the current file (w.fd, which must be at w.path) to the
// next rotated name, then prunes old files. The caller holds the lock.
//
// The file is sealed (owner execute bit) before the rename, so that writers
// of other processes still holding it see at their next fstat that they must
// reopen the path. If w.fd is no longer at w.path, rotate only closes it:
// someone else rotated, and the caller reopens.
func (w *Writer) rotate() error {
	st, err := statFd(w.fd, w.path)
	if err != nil {
		return err
	}
	if !w.atPath(st) {
		w.closeFile()
		return nil
	}
	list, err := listRotated(w.dir, w.base)
	if err != nil {
		return err
	}
	t := w.clock().UTC()
	if n := len(list); n > 0 && !t.After(list[n-1].t) {
		t = list[n-1].t.Add(time.Nanosecond) // names must keep rotation order when the clock steps back
	}
	name := filepath.Join(w.dir, RotatedName(w.base, t, Plain))
	sealErr := unix.Fchmod(w.fd, uint32(w.opts.sealedMode()))
	if err := unix.Rename(w.path, name); err != nil {
		if sealErr == nil {
			unix.Fchmod(w.fd, uint32(w.opts.Mode))
		}
		return &os.LinkError{Op: "rename", Old: w.path, New: name, Err: err}
	}
	if sealErr != nil {
		w.health.out.warn("seal rotated file (other writers notice within a second): %v", sealErr)
	}
	w.closeFile()
	list = append(list, rotated{t: t, plain: st.size, hasPlain: true})
	w.prune(list)
	if w.opts.Compress {
		w.gz.start()
	}
	return nil
}

// prune removes the oldest rotated files so that at most Keep remain and
// they take at most Keep × MaxBytes. It removes whole suffixes of the past:
// once one file goes, all older ones go too, so what is kept is always the
// newest part of the log. The caller holds the lock.
func (w *Writer) prune(list []rotated) {
	budget := int64(w.opts.Keep) * w.opts.MaxBytes
	kept, used := 0, int64(0)
	cut := -1
	for i := len(list) - 1; i >= 0; i-- {
		if kept == w.opts.Keep || used+list[i].bytes() > budget {
			cut = i
			break
		}
		kept++
		used += list[i].bytes()
	}
	for _, r := range list[:cut+1] {
		for _, k := range []Kind{Plain, Gzip, GzipTemp} {
			err := os.Remove(filepath.Join(w.dir, RotatedName(w.base, r.t, k)))
			if err != nil && !errors.Is(err, fs.ErrNotExist) {
				w.health.out.warn("prune: %v", err)
			}
		}
	}
}
