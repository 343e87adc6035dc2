package filter

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
)

// Built-in spam rule defaults (maildrop's and the seeds' X-Spam-Flag rule).
const (
	DefaultSpamHeader  = "X-Spam-Flag"
	DefaultSpamValue   = "YES"
	DefaultSpamMailbox = "Junk"
)

// maxSpamHeaderBytes bounds how much of the message header the built-in
// rule reads.
const maxSpamHeaderBytes = 1 << 20

// SpamRule is the built-in rule that needs no Sieve: a message whose header
// field Header equals Value (case-insensitive, surrounding white space
// ignored) is stored into Mailbox, with Create set so that deliver creates
// and subscribes the folder. The zero SpamRule is on, with the defaults
// above.
//
// The rule only replaces the implicit keep into INBOX: a script's explicit
// actions (keep, fileinto, discard, redirect without :copy, reject) win. A
// script that failed keeps its message in INBOX, not in Mailbox, so that
// the user notices.
type SpamRule struct {
	Disabled bool   // true turns the rule off
	Header   string // field name; "" means DefaultSpamHeader
	Value    string // field value; "" means DefaultSpamValue
	Mailbox  string // target; "" means DefaultSpamMailbox
}

func (r SpamRule) withDefaults() (SpamRule, error) {
	if r.Header == "" {
		r.Header = DefaultSpamHeader
	}
	if r.Value == "" {
		r.Value = DefaultSpamValue
	}
	if r.Mailbox == "" {
		r.Mailbox = DefaultSpamMailbox
	}
	if strings.ContainsAny(r.Header, ": \t\r\n") {
		return r, fmt.Errorf("filter: spam rule: invalid header name %q", r.Header)
	}
	r.Value = strings.TrimSpace(r.Value)
	return r, nil
}

// matches reports whether the message's header holds the rule's field and
// value. A message that cannot be read does not match.
func (r SpamRule) matches(msg io.ReaderAt, size int64) bool {
	if r.Disabled || msg == nil {
		return false
	}
	if size <= 0 || size > maxSpamHeaderBytes {
		size = maxSpamHeaderBytes
	}
	br := bufio.NewReader(io.NewSectionReader(msg, 0, size))
	for {
		field, ok := readField(br)
		if !ok {
			return false
		}
		name, value, found := bytes.Cut(field, []byte(":"))
		if found && strings.EqualFold(string(bytes.TrimSpace(name)), r.Header) &&
			strings.EqualFold(string(bytes.TrimSpace(value)), r.Value) {
			return true
		}
	}
}

// readField reads one unfolded header field without its line ends. ok is
// false at the end of the header (an empty line or the end of input).
func readField(br *bufio.Reader) (field []byte, ok bool) {
	line, err := readLine(br)
	if len(line) == 0 {
		return nil, false
	}
	field = line
	for err == nil {
		next, perr := br.Peek(1)
		if perr != nil || (next[0] != ' ' && next[0] != '\t') {
			break
		}
		line, err = readLine(br)
		field = append(field, line...)
	}
	return field, true
}

// readLine reads one line without its CRLF or LF.
func readLine(br *bufio.Reader) ([]byte, error) {
	var line []byte
	for {
		part, err := br.ReadSlice('\n')
		line = append(line, part...)
		if err != bufio.ErrBufferFull {
			return bytes.TrimRight(line, "\r\n"), err
		}
	}
}
