package quota

import (
	"path"
	"strconv"
	"strings"
)

// Limits are the quota of one maildir. Bytes and Messages are the default
// limits (Dovecot's "*" rule, the Maildir++ S and C values); zero means
// unlimited. The zero Limits is unlimited.
type Limits struct {
	Bytes    int64 // total bytes; 0 = unlimited
	Messages int64 // total messages; 0 = unlimited

	// Unknown lists the parts of a Maildir++ string whose letter is neither
	// S nor C ("100X"). Courier warns about them and ignores them; so does
	// this package, keeping them here so that callers can flag them.
	Unknown []string

	// Folders are Dovecot per-mailbox rules, first match wins.
	Folders []FolderRule
}

// FolderRule is a Dovecot per-mailbox quota rule such as
// "Trash:storage=+100M" or "Trash:ignore".
type FolderRule struct {
	// Pattern is an IMAP mailbox name ("Trash", "Archive/2024") in which
	// '*' matches any run of characters and '?' any one character. Folder
	// names are compared as the on-disk Maildir++ name read with '.' as '/'.
	Pattern string
	// Ignore excludes the folder from the quota: its messages are not
	// counted and deliveries into it are never refused.
	Ignore bool
	// Bytes and Messages override the default limits for deliveries into
	// the folder; unset Amounts keep the defaults.
	Bytes, Messages Amount
}

// Amount is a limit in a Dovecot rule: absolute, relative to the default
// limit ("+100M", "-10"), or a percentage of it ("10%", "+10%").
type Amount struct {
	Set      bool  // false: not given, the default applies
	Value    int64 // bytes, messages, or percent when Percent is set
	Relative bool  // Value is added to the default (it may be negative)
	Percent  bool  // Value is a percentage of the default
}

// resolve applies a to the default limit def. An unlimited default stays
// unlimited under relative and percentage amounts.
func (a Amount) resolve(def int64) int64 {
	switch {
	case !a.Set:
		return def
	case (a.Relative || a.Percent) && def == 0:
		return 0
	}
	v := a.Value
	if a.Percent {
		v = def / 100 * a.Value // no overflow for large limits
		if def < 1<<40 && a.Value < 1<<20 && a.Value > -1<<20 {
			v = def * a.Value / 100
		}
	}
	if a.Relative {
		v += def
	}
	return max(v, 0)
}

// IsZero reports whether l imposes no limit at all.
func (l Limits) IsZero() bool {
	return l.Bytes == 0 && l.Messages == 0 && len(l.Folders) == 0
}

// String returns the Maildir++ form of the default limits, as written on
// the first line of maildirsize: "100000000S,1000C", "1000C". With no limit
// it returns "0S", as Dovecot writes.
func (l Limits) String() string {
	var parts []string
	if l.Bytes > 0 {
		parts = append(parts, strconv.FormatInt(l.Bytes, 10)+"S")
	}
	if l.Messages > 0 {
		parts = append(parts, strconv.FormatInt(l.Messages, 10)+"C")
	}
	if len(parts) == 0 {
		return "0S"
	}
	return strings.Join(parts, ",")
}

// Folder is the result of Limits.For: the limits that apply to deliveries
// into one folder.
type Folder struct {
	Limit  Usage // Bytes and Messages limits; 0 = unlimited
	Ignore bool  // the folder is outside the quota
}

// For returns the limits that apply to the folder with the given IMAP name
// ("INBOX", "Trash", "Work/Projects"): the first matching FolderRule
// applied to the defaults, or the defaults.
func (l Limits) For(folder string) Folder {
	def := Folder{Limit: Usage{Bytes: l.Bytes, Messages: l.Messages}}
	for _, r := range l.Folders {
		if !matchFolder(r.Pattern, folder) {
			continue
		}
		if r.Ignore {
			return Folder{Ignore: true}
		}
		return Folder{Limit: Usage{Bytes: r.Bytes.resolve(l.Bytes), Messages: r.Messages.resolve(l.Messages)}}
	}
	return def
}

func matchFolder(pattern, folder string) bool {
	if strings.EqualFold(pattern, "INBOX") {
		return strings.EqualFold(folder, "INBOX")
	}
	ok, err := path.Match(pattern, folder)
	return err == nil && ok
}

// Parse reads a quota string in either syntax: Dovecot rules when it
// contains ':' or '=', Maildir++ otherwise. Several Dovecot rules may be
// separated by ';' ("*:storage=1G;Trash:ignore"). The empty string means
// unlimited.
func Parse(s string) (Limits, error) {
	s = strings.TrimSpace(s)
	if !strings.ContainsAny(s, ":=") {
		return ParseMaildirPlusPlus(s)
	}
	return ParseDovecot(strings.Split(s, ";")...)
}

// ParseMaildirPlusPlus reads a Maildir++ quota string: comma-separated
// <integer><letter> parts, S for bytes and C for messages
// ("100000000S,1000C"). Parts with another letter are kept in
// Limits.Unknown and otherwise ignored (Courier warns about them); any
// other part is an error naming it (errors.Is ErrBadRule).
func ParseMaildirPlusPlus(s string) (Limits, error) {
	var l Limits
	if strings.TrimSpace(s) == "" {
		return l, nil
	}
	for part := range strings.SplitSeq(s, ",") {
		p := strings.TrimSpace(part)
		n := len(p) - 1
		if n < 1 || !isDigits(p[:n]) || !isLetter(p[n]) {
			return Limits{}, &RuleError{Rule: s, Part: part, Reason: "want <digits><letter>, e.g. 100000000S"}
		}
		v, err := strconv.ParseInt(p[:n], 10, 64)
		if err != nil {
			return Limits{}, &RuleError{Rule: s, Part: part, Reason: "number out of range"}
		}
		switch p[n] {
		case 'S':
			l.Bytes = v
		case 'C':
			l.Messages = v
		default:
			l.Unknown = append(l.Unknown, p)
		}
	}
	return l, nil
}

// parseHeader reads the first line of maildirsize as Courier does: it
// skips anything but digits, takes each run of digits with the letter after
// it, and ignores unknown letters (keeping them in Unknown).
func parseHeader(s string) Limits {
	var l Limits
	for i := 0; i < len(s); {
		if !isDigit(s[i]) {
			i++
			continue
		}
		j := i
		var v int64
		for j < len(s) && isDigit(s[j]) {
			if v < (1<<63-1)/10-1 {
				v = v*10 + int64(s[j]-'0')
			}
			j++
		}
		switch {
		case j < len(s) && s[j] == 'S':
			l.Bytes = v
		case j < len(s) && s[j] == 'C':
			l.Messages = v
		default:
			l.Unknown = append(l.Unknown, s[i:min(j+1, len(s))])
		}
		i = j
	}
	return l
}

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' }

func isDigits(s string) bool {
	for i := range len(s) {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}
