package quota

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// counter counts the messages of one maildir as the Maildir++ rules say.
type counter struct {
	limits     Limits
	countTrash bool
}

// countResult is a count with the newest modification time of the
// directories read.
type countResult struct {
	usage Usage
	stamp time.Time
}

// count scans new/ and cur/ of the top maildir and of every counted folder.
func (c counter) count(root string) (countResult, error) {
	var res countResult
	if err := c.countDir(root, &res); err != nil {
		return res, err
	}
	folders, err := c.folders(root)
	if err != nil {
		return res, err
	}
	for _, f := range folders {
		if err := c.countDir(filepath.Join(root, f), &res); err != nil {
			return res, err
		}
	}
	return res, nil
}

// folders lists the ".Folder" directories of root that count toward the
// quota: not symbolic links, not ".Trash" unless countTrash, not ignored.
func (c counter) folders(root string) ([]string, error) {
	ents, err := os.ReadDir(root)
	if err != nil {
		return nil, fmt.Errorf("quota: %w", err)
	}
	var out []string
	for _, e := range ents {
		n := e.Name()
		if len(n) < 2 || n[0] != '.' || n == ".." || e.Type()&fs.ModeSymlink != 0 {
			continue
		}
		if c.counted(n) {
			out = append(out, n)
		}
	}
	return out, nil
}

// counted says whether the folder with on-disk name dirName (".Trash",
// "" for the INBOX) counts toward the quota.
func (c counter) counted(dirName string) bool {
	if dirName == "" {
		return !c.limits.For("INBOX").Ignore
	}
	if !c.countTrash && dirName == ".Trash" {
		return false
	}
	return !c.limits.For(folderName(dirName)).Ignore
}

// folderName reads an on-disk Maildir++ folder name as an IMAP name for
// rule matching: ".Work.Projects" → "Work/Projects".
func folderName(dirName string) string {
	return strings.ReplaceAll(strings.TrimPrefix(dirName, "."), ".", "/")
}

// countDir adds the messages in dir/new and dir/cur to res.
func (c counter) countDir(dir string, res *countResult) error {
	for _, sub := range [...]string{"new", "cur"} {
		p := filepath.Join(dir, sub)
		st, err := os.Stat(p)
		if err != nil {
			continue // a folder being created or removed: as Courier, ignore
		}
		if st.ModTime().After(res.stamp) {
			res.stamp = st.ModTime()
		}
		if err := c.countFiles(p, res); err != nil {
			return err
		}
	}
	return nil
}

// direntBuf is the getdents buffer of a count. A large buffer matters:
// ext4 refills its hash-order cursor on every call, and reading 100,000
// entries 8 KiB at a time (os.File.Readdirnames) costs about 2.5 times as
// much as reading them 1 MiB at a time.
const direntBuf = 1 << 20

func (c counter) countFiles(dir string, res *countResult) error {
	fd, err := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if errors.Is(err, unix.ENOENT) || errors.Is(err, unix.ENOTDIR) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("quota: open %s: %w", dir, err)
	}
	defer unix.Close(fd)
	buf := make([]byte, direntBuf)
	for {
		n, err := unix.Getdents(fd, buf)
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil {
			return fmt.Errorf("quota: read %s: %w", dir, err)
		}
		if n <= 0 {
			return nil
		}
		forEachDirent(buf[:n], func(name string) { c.countFile(dir, name, res) })
	}
}

// forEachDirent calls fn with each name in a buffer of linux_dirent64
// records (ino 8, off 8, reclen 2, type 1, name NUL-terminated).
func forEachDirent(b []byte, fn func(name string)) {
	for len(b) >= 19 {
		reclen := int(binary.NativeEndian.Uint16(b[16:18]))
		if reclen < 19 || reclen > len(b) {
			return
		}
		name := b[19:reclen]
		if i := bytes.IndexByte(name, 0); i >= 0 {
			name = name[:i]
		}
		fn(string(name))
		b = b[reclen:]
	}
}

func (c counter) countFile(dir, name string, res *countResult) {
	if name == "" || name[0] == '.' {
		return
	}
	size, flags, ok := nameInfo(name)
	if !c.countTrash && strings.Contains(flags, "T") {
		return
	}
	if !ok {
		st, err := os.Lstat(filepath.Join(dir, name))
		if err != nil {
			return // vanished: skipped, as Courier does
		}
		size = st.Size()
	}
	res.usage.Bytes += size
	res.usage.Messages++
}

// nameInfo returns the ,S= size and the flags of a message file name by
// Courier's rule: the last ",S=<digits>" before the ':' of the info part
// (digits ended by ',' or the end). ok is false when the name carries no
// size. It reads the same names as maildir.ParseName but far cheaper,
// which matters when a rebuild reads 100,000 names.
func nameInfo(name string) (size int64, flags string, ok bool) {
	base, info, _ := strings.Cut(name, ":")
	if f, ok := strings.CutPrefix(info, "2,"); ok {
		flags = f
	}
	i := strings.LastIndex(base, ",S=")
	if i < 0 {
		return 0, flags, false
	}
	digits := base[i+3:]
	if j := strings.IndexByte(digits, ','); j >= 0 {
		digits = digits[:j]
	}
	if !isDigits(digits) {
		return 0, flags, false
	}
	v, err := strconv.ParseInt(digits, 10, 64)
	return v, flags, err == nil
}

// stamp returns the newest modification time of new/ and cur/ of the top
// maildir and of the counted folders, for the race check after a rebuild.
func (c counter) stamp(root string) (time.Time, error) {
	var newest time.Time
	dirs := []string{root}
	folders, err := c.folders(root)
	if err != nil {
		return newest, err
	}
	for _, f := range folders {
		dirs = append(dirs, filepath.Join(root, f))
	}
	for _, d := range dirs {
		for _, sub := range [...]string{"new", "cur"} {
			if st, err := os.Stat(filepath.Join(d, sub)); err == nil && st.ModTime().After(newest) {
				newest = st.ModTime()
			}
		}
	}
	return newest, nil
}

// writeSizeFile writes a fresh maildirsize (limits line and one usage line)
// under tmp/ and renames it into place.
func writeSizeFile(root, host string, limits Limits, u Usage, now time.Time) error {
	var rnd [8]byte
	_, _ = rand.Read(rnd[:])
	name := fmt.Sprintf("%d.M%dP%dR%x_NeWmAiLdIrSiZe.%s", now.Unix(), now.Nanosecond()/1000, os.Getpid(), rnd, host)
	tmp := filepath.Join(root, "tmp", name)
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL|syscallNoFollow, 0o600)
	if err != nil {
		return fmt.Errorf("quota: rebuild maildirsize: %w", err)
	}
	_, werr := f.WriteString(limits.String() + "\n" + FormatLine(u))
	if err := errors.Join(werr, f.Close()); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("quota: rebuild maildirsize: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(root, SizeFileName)); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("quota: rebuild maildirsize: %w", err)
	}
	return nil
}
