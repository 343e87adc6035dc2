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

// BenchmarkDeliver measures Dir.Deliver of a 4 KiB message with fsync on.
// Each run writes into a fresh maildir; nothing is deleted before or while
// measuring (on ext4, creating files where many were just deleted costs
// extra). Compare with BenchmarkFloor.
func BenchmarkDeliver(b *testing.B) {
	m := newMaildir(b, maildir.Options{})
	inbox := m.Inbox()
	r := bytes.NewReader(benchMessage)
	b.SetBytes(int64(len(benchMessage)))
	for b.Loop() {
		r.Reset(benchMessage)
		if _, err := inbox.Deliver(b.Context(), r, maildir.DeliverOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFloor is the bare minimum any durable maildir delivery does,
// for comparison with BenchmarkDeliver: create a file in tmp/, write
// 4 KiB, fsync, close, link into new/, fsync new/ (kept open), remove the
// tmp/ name. No unique-name logic, no checks, no directory opens.
func BenchmarkFloor(b *testing.B) {
	root := newMaildir(b, maildir.Options{}).Root()
	newDir, err := os.Open(filepath.Join(root, "new"))
	if err != nil {
		b.Fatal(err)
	}
	defer newDir.Close()
	b.SetBytes(int64(len(benchMessage)))
	i := 0
	for b.Loop() {
		i++
		name := strconv.Itoa(i)
		tmp := filepath.Join(root, "tmp", name)
		f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := f.Write(benchMessage); err != nil {
			b.Fatal(err)
		}
		if err := f.Sync(); err != nil {
			b.Fatal(err)
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
		if err := unix.Link(tmp, filepath.Join(root, "new", name)); err != nil {
			b.Fatal(err)
		}
		if err := newDir.Sync(); err != nil {
			b.Fatal(err)
		}
		if err := unix.Unlink(tmp); err != nil {
			b.Fatal(err)
		}
	}
}
