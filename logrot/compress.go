package logrot

import (
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"golang.org/x/sys/unix"
)

// compressor gzips rotated files on a background goroutine, one sweep at a
// time per Writer. Each file is compressed into <name>.gz.tmp, which is
// fsynced and only then renamed to <name>.gz, under the rotation lock and
// only if <name> still exists (so a pruned file never comes back); then
// <name> is removed. A crash at any point leaves either <name> alone, <name>
// with a partial .gz.tmp (redone by the next sweep), or <name> with a
// complete .gz (the next sweep removes <name>). Compressors of several
// processes exclude each other per file with flock on <name> itself.
type compressor struct {
	dir, base string
	opts      Options
	out       *errorLog
	lock      lockFile // its own descriptor: flock excludes it from the Writer's

	mu      sync.Mutex
	running bool
	again   bool
	wg      sync.WaitGroup
}

func (c *compressor) init(w *Writer) {
	c.dir, c.base, c.opts, c.out = w.dir, w.base, w.opts, w.health.out
	c.lock = newLockFile(w.lock.path, w.opts.Mode)
}

// start runs a sweep in the background, or another one after the running one.
func (c *compressor) start() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.running {
		c.again = true
		return
	}
	c.running = true
	c.wg.Add(1)
	go c.run()
}

func (c *compressor) run() {
	defer c.wg.Done()
	for {
		if err := c.sweep(); err != nil {
			c.out.warn("compress: %v", err)
		}
		c.mu.Lock()
		if !c.again {
			c.running = false
			c.lock.close()
			c.mu.Unlock()
			return
		}
		c.again = false
		c.mu.Unlock()
	}
}

// wait waits for a running sweep to finish.
func (c *compressor) wait() { c.wg.Wait() }

// sweep compresses every rotated file not yet compressed.
func (c *compressor) sweep() error {
	list, err := listRotated(c.dir, c.base)
	if err != nil {
		return err
	}
	for _, r := range list {
		if !r.hasPlain {
			continue
		}
		if err := c.compress(r); err != nil {
			return err
		}
	}
	return nil
}

// compress gzips one rotated file (see compressor).
func (c *compressor) compress(r rotated) error {
	src := filepath.Join(c.dir, RotatedName(c.base, r.t, Plain))
	f, err := os.Open(src)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // pruned or compressed meanwhile
	}
	if err != nil {
		return err
	}
	defer f.Close()
	if flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB) != nil {
		return nil // another process is compressing it
	}
	var st unix.Stat_t
	if err := unix.Fstat(int(f.Fd()), &st); err != nil || !sameFile(src, &st) {
		return nil // compressed and removed while we opened it
	}
	gz := filepath.Join(c.dir, RotatedName(c.base, r.t, Gzip))
	if _, err := os.Lstat(gz); err == nil { // a crash after the rename
		return c.publish("", gz, src, &st)
	}
	tmp := filepath.Join(c.dir, RotatedName(c.base, r.t, GzipTemp))
	if err := c.writeGzip(tmp, f); err != nil {
		os.Remove(tmp)
		return err
	}
	return c.publish(tmp, gz, src, &st)
}

// writeGzip writes the gzip of src to tmp and fsyncs it.
func (c *compressor) writeGzip(tmp string, src *os.File) error {
	fd, err := unix.Open(tmp, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC|unix.O_CLOEXEC, uint32(c.opts.Mode))
	if err != nil {
		return &os.PathError{Op: "open", Path: tmp, Err: err}
	}
	out := os.NewFile(uintptr(fd), tmp)
	defer out.Close()
	if err := out.Chmod(c.opts.Mode); err != nil {
		return err
	}
	zw, err := gzip.NewWriterLevel(out, gzip.DefaultCompression)
	if err != nil {
		return err
	}
	zw.Name = filepath.Base(src.Name())
	if _, err := io.Copy(zw, src); err != nil {
		return fmt.Errorf("gzip %s: %w", src.Name(), err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("gzip %s: %w", src.Name(), err)
	}
	if err := out.Sync(); err != nil {
		return err
	}
	return out.Close()
}

// publish renames tmp (if any) to gz and removes src, under the rotation
// lock and only while src is still the file described by st.
func (c *compressor) publish(tmp, gz, src string, st *unix.Stat_t) error {
	if err := c.lock.acquire(c.opts.LockTimeout); err != nil {
		if tmp != "" {
			os.Remove(tmp)
		}
		return err
	}
	err := c.publishLocked(tmp, gz, src, st)
	c.lock.release()
	if err != nil {
		return err
	}
	return syncDir(c.dir)
}

func (c *compressor) publishLocked(tmp, gz, src string, st *unix.Stat_t) error {
	if !sameFile(src, st) { // pruned meanwhile: the .gz must not resurrect it
		if tmp != "" {
			os.Remove(tmp)
		}
		return nil
	}
	if tmp != "" {
		if err := os.Rename(tmp, gz); err != nil {
			os.Remove(tmp)
			return err
		}
	}
	return os.Remove(src)
}

// sameFile reports whether path names the file described by st.
func sameFile(path string, st *unix.Stat_t) bool {
	var cur unix.Stat_t
	return unix.Stat(path, &cur) == nil && cur.Dev == st.Dev && cur.Ino == st.Ino
}

// syncDir fsyncs a directory, making renames and removals in it durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
