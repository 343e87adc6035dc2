//go:build unix

package filter

import (
	"io/fs"
	"syscall"
)

// fileID returns the device and inode of fi.
func fileID(fi fs.FileInfo) (dev, ino uint64) {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Dev), uint64(st.Ino) //nolint:unconvert // Dev is not uint64 on every unix
	}
	return 0, 0
}
