package quota

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// SizeFileName is the name of the Maildir++ quota file in the top-level
// maildir.
const SizeFileName = "maildirsize"

// maxSizeFile is Courier's and Dovecot's read buffer: a maildirsize file
// this long or longer is recalculated.
const maxSizeFile = 5120

// staleAge is how old a one-line maildirsize may be before an over-quota
// verdict based on it is checked by a recalculation.
const staleAge = 15 * time.Minute

// Usage is an amount of mail: bytes and messages. As a limit, zero means
// unlimited.
type Usage struct {
	Bytes    int64
	Messages int64
}

// Add returns u + v.
func (u Usage) Add(v Usage) Usage {
	return Usage{Bytes: u.Bytes + v.Bytes, Messages: u.Messages + v.Messages}
}

// ParseLine parses one usage line of maildirsize: two integers, each with
// an optional leading '-', separated and surrounded by any ASCII
// whitespace, e.g. "1234 1", "  -1234   -1" or Courier's padded
// "        1234            1". A trailing newline is allowed.
func ParseLine(line string) (Usage, error) {
	f := bytes.Fields([]byte(line))
	if len(f) != 2 {
		return Usage{}, fmt.Errorf("quota: maildirsize line %q: want two numbers", line)
	}
	b, err1 := parseSigned(f[0])
	c, err2 := parseSigned(f[1])
	if err := errors.Join(err1, err2); err != nil {
		return Usage{}, fmt.Errorf("quota: maildirsize line %q: %w", line, err)
	}
	return Usage{Bytes: b, Messages: c}, nil
}

func parseSigned(b []byte) (int64, error) {
	digits := b
	if len(b) > 0 && b[0] == '-' {
		digits = b[1:]
	}
	if !isDigits(string(digits)) {
		return 0, fmt.Errorf("%q is not an integer", b)
	}
	return strconv.ParseInt(string(b), 10, 64)
}

// FormatLine returns the usage line Letterbox appends: the two numbers
// unpadded, as Dovecot writes them ("1234 1\n").
func FormatLine(u Usage) string {
	return strconv.FormatInt(u.Bytes, 10) + " " + strconv.FormatInt(u.Messages, 10) + "\n"
}

// sizeFile is what was read from maildirsize.
type sizeFile struct {
	exists  bool
	limits  Limits    // first line
	header  string    // first line as written
	usage   Usage     // sum of the usage lines
	lines   int       // number of usage lines
	mtime   time.Time // modification time
	corrupt bool      // too long, garbage or negative: recalculate
}

// readSizeFile reads path with a 5120-byte buffer. A missing file is not
// an error.
func readSizeFile(path string) (sizeFile, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return sizeFile{}, nil
	}
	if err != nil {
		return sizeFile{}, fmt.Errorf("quota: %w", err)
	}
	defer f.Close()
	buf := make([]byte, maxSizeFile)
	n, err := io.ReadFull(f, buf)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return sizeFile{}, fmt.Errorf("quota: read %s: %w", path, err)
	}
	st, err := f.Stat()
	if err != nil {
		return sizeFile{}, fmt.Errorf("quota: %w", err)
	}
	sf := parseSizeFile(buf[:n], n == maxSizeFile)
	sf.mtime = st.ModTime()
	return sf, nil
}

// parseSizeFile parses the contents of maildirsize. full says the read
// buffer filled up: only the first line is used then.
func parseSizeFile(b []byte, full bool) sizeFile {
	sf := sizeFile{exists: true, corrupt: full}
	first, rest, _ := bytes.Cut(b, []byte("\n"))
	sf.header = string(first)
	sf.limits = parseHeader(sf.header)
	if full {
		return sf
	}
	if bytes.IndexByte(b, 0) >= 0 {
		sf.corrupt = true
	}
	for len(rest) > 0 {
		var line []byte
		line, rest, _ = bytes.Cut(rest, []byte("\n"))
		sf.lines++
		u, err := ParseLine(string(line))
		if err != nil {
			sf.corrupt = true
			continue
		}
		sf.usage = sf.usage.Add(u)
	}
	if sf.usage.Bytes < 0 || sf.usage.Messages < 0 {
		sf.corrupt = true
	}
	return sf
}

// appendUsage appends one usage line to an open maildirsize with a single
// write, so that concurrent appends never interleave.
func appendUsage(f *os.File, u Usage) error {
	if _, err := f.WriteString(FormatLine(u)); err != nil {
		return fmt.Errorf("quota: append to %s: %w", f.Name(), err)
	}
	return nil
}

// appendFile is maildirsize opened for appending; f is nil when the file
// does not exist.
type appendFile struct{ f *os.File }

func (a appendFile) close() {
	if a.f != nil {
		a.f.Close()
	}
}

// openAppend opens maildirsize for appending; it never creates it (a file
// without its first line would be read as unlimited).
func openAppend(root string) (appendFile, error) {
	f, err := os.OpenFile(filepath.Join(root, SizeFileName), os.O_WRONLY|os.O_APPEND|syscallNoFollow, 0)
	if errors.Is(err, fs.ErrNotExist) {
		return appendFile{}, nil
	}
	if err != nil {
		return appendFile{}, fmt.Errorf("quota: %w", err)
	}
	return appendFile{f: f}, nil
}
