package logrot

import (
	"os"

	"golang.org/x/sys/unix"
)

// fileStat is what a writer needs to know about a log file.
type fileStat struct {
	dev, ino uint64
	mode     uint32
	nlink    uint32
	size     int64
}

// statMask asks statx for no timestamps: on kernels with fine-grained
// ("multigrain") timestamps, a stat that reads them makes the next write
// update them at full resolution, which costs as much as the write itself.
const statMask = unix.STATX_TYPE | unix.STATX_MODE | unix.STATX_NLINK | unix.STATX_INO | unix.STATX_SIZE

// statFd describes the open file fd.
func statFd(fd int, path string) (fileStat, error) {
	return statx(fd, "", unix.AT_EMPTY_PATH, path)
}

// statPath describes the file at path.
func statPath(path string) (fileStat, error) {
	return statx(unix.AT_FDCWD, path, 0, path)
}

func statx(dirfd int, name string, flags int, path string) (fileStat, error) {
	var sx unix.Statx_t
	err := unix.Statx(dirfd, name, flags, statMask, &sx)
	if err == unix.ENOSYS { // before Linux 4.11
		return statOld(dirfd, name, path)
	}
	if err != nil {
		return fileStat{}, &os.PathError{Op: "statx", Path: path, Err: err}
	}
	return fromStatx(&sx), nil
}

func fromStatx(sx *unix.Statx_t) fileStat {
	return fileStat{
		dev:   unix.Mkdev(sx.Dev_major, sx.Dev_minor),
		ino:   sx.Ino,
		mode:  uint32(sx.Mode),
		nlink: sx.Nlink,
		size:  int64(sx.Size),
	}
}

func statOld(dirfd int, name, path string) (fileStat, error) {
	var st unix.Stat_t
	var err error
	if name == "" {
		err = unix.Fstat(dirfd, &st)
	} else {
		err = unix.Stat(name, &st)
	}
	if err != nil {
		return fileStat{}, &os.PathError{Op: "stat", Path: path, Err: err}
	}
	return fileStat{
		dev:   unix.Mkdev(unix.Major(st.Dev), unix.Minor(st.Dev)),
		ino:   st.Ino,
		mode:  st.Mode,
		nlink: uint32(st.Nlink),
		size:  st.Size,
	}, nil
}
