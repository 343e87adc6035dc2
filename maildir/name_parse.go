package maildir

import (
	"fmt"
	"strconv"
	"strings"
)

// Name is a maildir file name taken apart by ParseName. Parts the name
// does not carry are zero, except Size and VSize, which are -1.
type Name struct {
	Sec   int64  // left part: seconds since the epoch
	Usec  int    // M part: microseconds
	PID   int    // P part, or the whole middle of an old-style name
	Uniq  string // Courier's extra tag after '_' in the middle ("warn")
	Host  string // right part, unescaped
	Size  int64  // ,S= value: the file's size in bytes; -1 when absent
	VSize int64  // ,W= value: the size with CRLF line ends; -1 when absent
	Flags string // flags after ":2,"; "" when none
}

// ParseName parses a maildir file name, with or without the ":2,<flags>"
// info part, as written by this package, Dovecot, Courier, qmail and
// others: <sec>.<middle>.<host>[,S=<size>][,W=<vsize>][:2,<flags>].
// The middle is read as Bernstein's letter-tagged parts (M<usec>,
// P<pid>, V, I, Q, R, X, #) with an optional Courier "_uniq" tag, or as
// an old-style decimal pid; a middle in any other form is skipped.
// Unknown ",X=" fields are ignored. Errors wrap ErrBadName.
func ParseName(name string) (Name, error) {
	n := Name{Size: -1, VSize: -1}
	base, info, hasInfo := strings.Cut(name, ":")
	if hasInfo {
		flags, ok := strings.CutPrefix(info, "2,")
		if !ok {
			return Name{}, badName(name, "info part is not \"2,<flags>\"")
		}
		n.Flags = flags
	}
	if base == "" || base[0] == '.' || strings.ContainsAny(name, "/\x00") {
		return Name{}, badName(name, "empty, leading dot, '/' or NUL")
	}
	left, rest, ok1 := strings.Cut(base, ".")
	middle, right, ok2 := strings.Cut(rest, ".")
	if !ok1 || !ok2 {
		return Name{}, badName(name, "not <time>.<unique>.<host>")
	}
	sec, err := strconv.ParseInt(left, 10, 64)
	if err != nil || sec < 0 {
		return Name{}, badName(name, "time is not a decimal number")
	}
	n.Sec = sec
	n.parseMiddle(middle)
	host, fields, _ := strings.Cut(right, ",")
	n.Host = unescapeHost(host)
	if err := n.parseFields(fields); err != nil {
		return Name{}, badName(name, err.Error())
	}
	return n, nil
}

func badName(name, why string) error {
	return fmt.Errorf("%w %q: %s", ErrBadName, name, why)
}

// parseMiddle fills Usec, PID and Uniq from the middle part. A middle it
// cannot read leaves them zero.
func (n *Name) parseMiddle(middle string) {
	middle, uniq, _ := strings.Cut(middle, "_")
	if middle == "" {
		return
	}
	if p, err := strconv.Atoi(middle); err == nil && p >= 0 {
		n.PID, n.Uniq = p, uniq // old style: <pid> or <pid>_<count>
		return
	}
	var usec, pid int
	for s := middle; s != ""; {
		tag := s[0]
		end := 1
		for end < len(s) && isHex(s[end]) {
			end++
		}
		val := s[1:end]
		s = s[end:]
		var err error
		switch tag {
		case 'M':
			usec, err = strconv.Atoi(val)
		case 'P':
			pid, err = strconv.Atoi(val)
		case 'Q':
			_, err = strconv.ParseUint(val, 10, 64)
		case 'V', 'I', 'R', 'X', '#':
			_, err = strconv.ParseUint(val, 16, 64)
		default:
			return
		}
		if err != nil || usec < 0 || pid < 0 {
			return
		}
	}
	n.Usec, n.PID, n.Uniq = usec, pid, uniq
}

// parseFields reads the comma-separated K=V fields after the host.
func (n *Name) parseFields(fields string) error {
	for f := range strings.SplitSeq(fields, ",") {
		key, val, _ := strings.Cut(f, "=")
		if key != "S" && key != "W" {
			continue
		}
		v, err := strconv.ParseInt(val, 10, 64)
		if err != nil || v < 0 {
			return fmt.Errorf("%s= is not a decimal size", key)
		}
		if key == "S" {
			n.Size = v
		} else {
			n.VSize = v
		}
	}
	return nil
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
