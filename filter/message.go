package filter

import (
	"bufio"
	"bytes"
	"io"
	"strings"
)

// maxHeaderBytes bounds how much of a message is read as its header.
const maxHeaderBytes = 8 << 20

// message adapts an io.ReaderAt holding an RFC 5322 message to go-sieve's
// Message and BodyMessage. The header is parsed once; the body is streamed
// from r each time a body test needs it.
type message struct {
	r    io.ReaderAt
	size int64
	raw  map[string][]string // lower-case name -> raw values, in order
	// decoded holds the values as header tests see them: unfolded and
	// decoded by decodeHeader, trailing white space removed.
	decoded map[string][]string
	// untrimmed holds, for the headers vacation compares whole, the values
	// with trailing white space kept, as Pigeonhole reads them.
	untrimmed map[string][]string
	// subjects holds the Subject values decoded like decoded but with
	// trailing white space kept: the original subject of a vacation reply.
	subjects []string
	bodyOff  int64 // -1: no body
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

// Read implements io.Reader.
func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// newMessage parses the header of the message in r. size 0 asks r for its
// size when it can tell (Size() int64), and reads to EOF otherwise.
func newMessage(r io.ReaderAt, size int64, maxHeaders int) (*message, error) {
	if r == nil {
		r = strings.NewReader("")
	}
	if size <= 0 {
		if s, ok := r.(interface{ Size() int64 }); ok {
			size = s.Size()
		}
	}
	m := &message{r: r, size: size, raw: map[string][]string{}, decoded: map[string][]string{},
		untrimmed: map[string][]string{}, bodyOff: -1}
	cr := &countingReader{r: io.LimitReader(m.section(0), maxHeaderBytes)}
	br := bufio.NewReader(cr)
	fields, complete := readFields(br)
	if complete {
		m.bodyOff = cr.n - int64(br.Buffered())
	}
	for n, f := range fields {
		if n >= maxHeaders {
			break
		}
		m.add(f)
	}
	return m, nil
}

// add records one header field.
func (m *message) add(f rawField) {
	key := strings.ToLower(f.name)
	m.raw[key] = append(m.raw[key], trimmedValue(f.line))
	full := decodeHeader(unfoldValue(f.line))
	m.decoded[key] = append(m.decoded[key], strings.TrimRight(full, " \t"))
	switch key {
	case "subject":
		m.subjects = append(m.subjects, full)
	case "precedence", "auto-submitted":
		m.untrimmed[key] = append(m.untrimmed[key], untrimmedValue(f.line))
	}
}

// headerValue returns what a header test sees of a raw header field
// ("Name: value" with its line breaks): unfolded, decoded and without
// trailing white space.
func headerValue(line []byte) string {
	return strings.TrimRight(decodeHeader(unfoldValue(line)), " \t")
}

// rawField is one header field: its name and its raw lines.
type rawField struct {
	name string
	line []byte
}

// readFields reads the header fields up to the blank line (or the end of
// the message after a whole line), reporting whether it got there. Like Dovecot it reads on past a line without a colon
// (ignoring it and its continuation lines); a name loses the white space
// before its colon.
func readFields(br *bufio.Reader) (fields []rawField, complete bool) {
	var cur *rawField
	for {
		line, err := br.ReadBytes('\n')
		if len(line) == 0 {
			return fields, err == io.EOF
		}
		if string(line) == "\n" || string(line) == "\r\n" {
			return fields, true
		}
		switch i := bytes.IndexByte(line, ':'); {
		case line[0] == ' ' || line[0] == '\t':
			if cur != nil {
				cur.line = append(cur.line, line...)
			}
		case i > 0 && len(bytes.TrimRight(line[:i], " \t")) > 0:
			fields = append(fields, rawField{name: string(bytes.TrimRight(line[:i], " \t")), line: line})
			cur = &fields[len(fields)-1]
		default:
			cur = nil
		}
		if err != nil {
			return fields, false
		}
	}
}

// trimmedValue returns the value of a raw field with each line trimmed of
// white space and the lines joined by one space: the form the address
// test parses.
func trimmedValue(line []byte) string {
	if i := bytes.IndexByte(line, ':'); i >= 0 {
		line = line[i+1:]
	}
	var parts []string
	for _, l := range bytes.Split(line, []byte("\n")) {
		if l = bytes.Trim(bytes.TrimSuffix(l, []byte("\r")), " \t"); len(l) > 0 {
			parts = append(parts, string(l))
		}
	}
	return strings.Join(parts, " ")
}

// untrimmedValue strips the white space after the colon of a raw
// "Name: value" line, then unfolds it; trailing white space stays.
func untrimmedValue(line []byte) string {
	v := string(line)
	if i := strings.IndexByte(v, ':'); i >= 0 {
		v = v[i+1:]
	}
	v = strings.TrimSuffix(strings.TrimSuffix(v, "\n"), "\r")
	v = strings.TrimLeft(v, " \t")
	return strings.NewReplacer("\r\n", "", "\n", "").Replace(v)
}

// section returns a reader of the message from off on.
func (m *message) section(off int64) *io.SectionReader {
	n := m.size - off
	if m.size <= 0 {
		n = 1<<62 - off
	}
	return io.NewSectionReader(m.r, off, n)
}

// HeaderGet returns the decoded values of a header field, whatever the
// case of key.
func (m *message) HeaderGet(key string) ([]string, error) {
	return m.decoded[strings.ToLower(key)], nil
}

// rawValues returns the undecoded values of a header field.
func (m *message) rawValues(key string) []string {
	return m.raw[strings.ToLower(key)]
}

// MessageSize returns the size in bytes.
func (m *message) MessageSize() int {
	return int(m.size)
}

// header returns the first decoded value of key and whether it exists.
func (m *message) header(key string) (string, bool) {
	v := m.decoded[strings.ToLower(key)]
	if len(v) == 0 {
		return "", false
	}
	return v[0], true
}

// rawHeaderer is a message (or view) that can give raw header values.
type rawHeaderer interface {
	rawValues(key string) []string
}

// splitAddr splits an addr-spec at its last "@".
func splitAddr(addr string) (local, domain string, ok bool) {
	i := strings.LastIndexByte(addr, '@')
	if i <= 0 || i == len(addr)-1 {
		return addr, "", false
	}
	return addr[:i], addr[i+1:], true
}
