package quota

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// Template is a quota warning message in Courier's quotawarnmsg format: a
// complete RFC 5322 message, header fields, an empty line, the body. LF
// and CRLF files are both read; the rendered message keeps the file's line
// ends. A line holding only blanks also ends the header, and a line that
// cannot be a header field starts the body even without an empty line
// before it, so that a sloppy file never turns its body into header lines.
//
// These variables are replaced in header and body (a header value loses
// any CR and LF):
//
//	${address}         the recipient address (Account.Address)
//	${user}            the user name (Account.User)
//	${percent}         how full the quota is (see Percent)
//	${threshold}       the warning threshold reached, e.g. 90
//	${limit}           the limits in words, e.g. "100 MB, 1000 messages"
//	${limit_bytes}     the byte limit (0 = none)
//	${limit_messages}  the message limit (0 = none)
//	${usage_bytes}     bytes in use
//	${usage_messages}  messages in use
//
// Other text, including unknown ${...}, is kept as is. Date and
// Message-ID ("<unixtime.overquota@host>", as Courier writes it) are added
// when the file has none.
type Template struct {
	header  []string // header lines, without line ends
	body    []string // body lines, without line ends
	eol     string   // "\n" or "\r\n"
	hasDate bool
	hasID   bool
}

// TemplateVars are the values of a Template's variables.
type TemplateVars struct {
	Address, User      string
	Percent, Threshold int
	Usage, Limit       Usage
}

// ReadTemplate reads and parses a template file.
func ReadTemplate(path string) (*Template, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("quota: warning message: %w", err)
	}
	t, err := ParseTemplate(b)
	if err != nil {
		return nil, fmt.Errorf("%w (%s)", err, path)
	}
	return t, nil
}

// ParseTemplate parses a template. It fails when the text does not start
// with a header field.
func ParseTemplate(b []byte) (*Template, error) {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	t := &Template{eol: "\n"}
	if i := bytes.IndexByte(b, '\n'); i > 0 && b[i-1] == '\r' {
		t.eol = "\r\n"
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	for i := range lines {
		lines[i] = strings.TrimSuffix(lines[i], "\r")
	}
	n := 0
	for ; n < len(lines); n++ {
		l := lines[n]
		if strings.TrimLeft(l, " \t") == "" {
			t.body = lines[n+1:]
			break
		}
		if (l[0] == ' ' || l[0] == '\t') && n > 0 {
			t.header = append(t.header, l)
			continue
		}
		name, ok := fieldName(l)
		if !ok {
			t.body = lines[n:]
			break
		}
		t.hasDate = t.hasDate || strings.EqualFold(name, "Date")
		t.hasID = t.hasID || strings.EqualFold(name, "Message-ID")
		t.header = append(t.header, l)
	}
	if len(t.header) == 0 {
		return nil, fmt.Errorf("quota: warning message does not start with a header field")
	}
	return t, nil
}

// fieldName returns the name of a header field line "Name: value".
func fieldName(l string) (string, bool) {
	name, _, ok := strings.Cut(l, ":")
	if !ok || name == "" {
		return "", false
	}
	for i := range len(name) {
		if name[i] <= ' ' || name[i] > '~' {
			return "", false
		}
	}
	return name, true
}

// Render returns the warning message for vars, sent at now from host.
func (t *Template) Render(vars TemplateVars, now time.Time, host string) []byte {
	var b strings.Builder
	if !t.hasDate {
		b.WriteString("Date: " + now.Format(time.RFC1123Z) + t.eol)
	}
	if !t.hasID {
		b.WriteString("Message-ID: <" + strconv.FormatInt(now.Unix(), 10) + ".overquota@" + host + ">" + t.eol)
	}
	hr, br := vars.replacers()
	for _, l := range t.header {
		b.WriteString(hr.Replace(l) + t.eol)
	}
	b.WriteString(t.eol)
	for _, l := range t.body {
		b.WriteString(br.Replace(l) + t.eol)
	}
	return []byte(b.String())
}

// replacers returns the variable replacers for header lines (values
// without CR and LF) and body lines.
func (v TemplateVars) replacers() (header, body *strings.Replacer) {
	pairs := []string{
		"${address}", v.Address,
		"${user}", v.User,
		"${percent}", strconv.Itoa(v.Percent),
		"${threshold}", strconv.Itoa(v.Threshold),
		"${limit}", describeLimit(v.Limit),
		"${limit_bytes}", strconv.FormatInt(v.Limit.Bytes, 10),
		"${limit_messages}", strconv.FormatInt(v.Limit.Messages, 10),
		"${usage_bytes}", strconv.FormatInt(v.Usage.Bytes, 10),
		"${usage_messages}", strconv.FormatInt(v.Usage.Messages, 10),
	}
	body = strings.NewReplacer(pairs...)
	clean := strings.NewReplacer("\r", "", "\n", "")
	hp := append([]string(nil), pairs...)
	for i := 1; i < len(hp); i += 2 {
		hp[i] = clean.Replace(hp[i])
	}
	return strings.NewReplacer(hp...), body
}

// describeLimit says a limit in words: "100 MB, 1000 messages", "none".
func describeLimit(l Usage) string {
	var parts []string
	if l.Bytes > 0 {
		parts = append(parts, strconv.FormatFloat(float64(l.Bytes)/1e6, 'f', -1, 64)+" MB")
	}
	if l.Messages > 0 {
		parts = append(parts, strconv.FormatInt(l.Messages, 10)+" messages")
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}
