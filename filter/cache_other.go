//go:build !unix

package filter

import "io/fs"

// fileID is unknown without a Unix stat: the cache then relies on path,
// modification time and size.
func fileID(fs.FileInfo) (dev, ino uint64) { return 0, 0 }
