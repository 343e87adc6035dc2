package maildir_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/letterbox-mail/letterbox/maildir"
	"golang.org/x/sys/unix"
)

// benchMessage is a 4 KiB message of 64-byte lines.
var benchMessage = bytes.Repeat([]byte("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do\n"), 64)

// BenchmarkDeliver measures Dir.Deliver of a 4 KiB message, with fsync
// (the default) and without (NoFsync, which shows the CPU cost alone).
// Each run writes into a fresh maildir; nothing is deleted before or while
// measuring (on ext4, creating files where many were just deleted costs
// extra), so all runs share one temporary directory removed at the end.
// Compare with BenchmarkFloor.
func BenchmarkDeliver(b *testing.B) {
	parent := b.TempDir()
	for _, noFsync := range []bool{false, true} {
		b.Run(fsyncName(noFsync), func(b *testing.B) {
			inbox := benchMaildir(b, parent, maildir.Options{NoFsync: noFsync}).Inbox()
			r := bytes.NewReader(benchMessage)
			b.SetBytes(int64(len(benchMessage)))
			for b.Loop() {
				r.Reset(benchMessage)
				if _, err := inbox.Deliver(b.Context(), r, maildir.DeliverOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkFloor is the bare minimum any durable maildir delivery does,
// for comparison with BenchmarkDeliver: create a file in tmp/, write
// 4 KiB, fsync, close, link into new/, fsync new/ (kept open), remove the
// tmp/ name. No unique names, no checks, no directory opens.
func BenchmarkFloor(b *testing.B) {
	parent := b.TempDir()
	for _, noFsync := range []bool{false, true} {
		b.Run(fsyncName(noFsync), func(b *testing.B) {
			root := benchMaildir(b, parent, maildir.Options{}).Root()
			newDir, err := os.Open(filepath.Join(root, "new"))
			if err != nil {
				b.Fatal(err)
			}
			defer newDir.Close()
			b.SetBytes(int64(len(benchMessage)))
			i := 0
			for b.Loop() {
				i++
				if err := floorDeliver(root, strconv.Itoa(i), newDir, !noFsync); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func floorDeliver(root, name string, newDir *os.File, fsync bool) error {
	tmp := filepath.Join(root, "tmp", name)
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(benchMessage); err != nil {
		return err
	}
	if fsync {
		if err := f.Sync(); err != nil {
			return err
		}
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := unix.Link(tmp, filepath.Join(root, "new", name)); err != nil {
		return err
	}
	if fsync {
		if err := newDir.Sync(); err != nil {
			return err
		}
	}
	return unix.Unlink(tmp)
}

// benchMaildir creates a maildir in a new directory below parent, which
// the caller removes after all its runs.
func benchMaildir(b *testing.B, parent string, opts maildir.Options) *maildir.Maildir {
	dir, err := os.MkdirTemp(parent, "run")
	if err != nil {
		b.Fatal(err)
	}
	m, err := maildir.New(dir, opts)
	if err != nil {
		b.Fatal(err)
	}
	if err := m.Create(); err != nil {
		b.Fatal(err)
	}
	return m
}

func fsyncName(noFsync bool) string {
	if noFsync {
		return "nofsync"
	}
	return "fsync"
}
