package userdb

import (
	"context"
	"errors"
	"fmt"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
)

// User is the result of a lookup: where a recipient's mail goes and as whom
// it is written.
type User struct {
	// Address is the canonical address without its detail, e.g.
	// "bob@example.com": the normalised recipient, or the "user" field the
	// backend returned.
	Address string
	// Detail is the address extension split off by the recipient delimiter
	// ("work" for "bob+work@example.com"); empty when the address had none
	// or when the full address matched a user of its own.
	Detail string
	// Home is the absolute home directory; empty when the backend gave none.
	Home string
	// Mail is the mail location as the backend gave it ("maildir:~/Maildir",
	// "example.com/bob/") or the default that applied.
	Mail string
	// Maildir is the absolute path of the user's Maildir, resolved from Mail
	// against Home or the base directory.
	Maildir string
	// UID and GID are the numeric owner of the mail; -1 when not set.
	UID, GID int
	// QuotaRule is the raw quota rule for package quota: a Dovecot rule
	// ("*:bytes=100M") or a Maildir++ quota ("1000000S,1000C"). Empty means
	// no quota was set.
	QuotaRule string
	// Extra holds every other field, keyed by lower-case name with any
	// "userdb_" prefix removed (e.g. "sieve" for a personal script path);
	// "password" and "password_noscheme" are never copied. It is nil when
	// there are none.
	Extra map[string]string
}

// DB looks users up. Lookup normalises address (see [ParseAddress]) and
// returns the user, [ErrNotFound] when the lookup completed and matched
// nothing, an [*AddressError] for an address that cannot name a user, or
// another error ([*BackendError] and others) when the lookup failed; only
// [ErrNotFound] proves absence. Every DB in this package is safe for
// concurrent use.
type DB interface {
	Lookup(ctx context.Context, address string) (User, error)
}

// Iterator is the optional ability to list every user, for admin tools and
// tests. Users returns addresses in the backend's order.
type Iterator interface {
	Users(ctx context.Context) ([]string, error)
}

// Options holds what all backends share: address normalisation and where a
// relative mail location points.
type Options struct {
	AddressOptions
	// BaseDir resolves a relative home or mail location when the record has
	// no home, like Postfix virtual_mailbox_base: with BaseDir
	// "/var/vmail", a Postfix Admin maildir "example.com/bob/" becomes
	// "/var/vmail/example.com/bob". Empty: such records are incomplete.
	BaseDir string
	// DefaultMail is the mail location used when a record has neither a
	// "mail" nor a "maildir" field, like Dovecot mail_location; it may use
	// %u %n %d. Empty means "~/Maildir".
	DefaultMail string
}

// defaultMail is the mail location used when nothing else says.
const defaultMail = "~/Maildir"

// resolver turns raw fields into a User.
type resolver struct {
	baseDir     string
	defaultMail template
}

func newResolver(o Options) (resolver, error) {
	dm := o.DefaultMail
	if dm == "" {
		dm = defaultMail
	}
	t, err := parseTemplate(dm, false)
	if err != nil {
		return resolver{}, fmt.Errorf("userdb: DefaultMail: %w", err)
	}
	if o.BaseDir != "" && !filepath.IsAbs(o.BaseDir) {
		return resolver{}, fmt.Errorf("userdb: BaseDir %q is not absolute", o.BaseDir)
	}
	return resolver{baseDir: o.BaseDir, defaultMail: t}, nil
}

// record collects the fields of one user as a backend returns them.
type record map[string]string

// set stores a field under its Dovecot name: lower case, "userdb_" removed.
func (r record) set(name, value string) {
	name = strings.ToLower(name)
	r[strings.TrimPrefix(name, "userdb_")] = value
}

// user builds the User for address a from the record.
func (rs resolver) user(a Address, rec record) (User, error) {
	u := User{Address: a.String(), Detail: a.Detail, UID: -1, GID: -1}
	var err error
	if v, ok := rec["user"]; ok && v != "" {
		u.Address = v
	}
	if u.Home, err = rs.absolute(rec["home"], ""); err != nil {
		return User{}, err
	}
	if u.UID, err = ownerID(rec, "uid"); err != nil {
		return User{}, err
	}
	if u.GID, err = ownerID(rec, "gid"); err != nil {
		return User{}, err
	}
	u.QuotaRule = quotaRule(rec)
	u.Mail = rec["mail"]
	if u.Mail == "" {
		u.Mail = rec["maildir"]
	}
	if u.Mail == "" {
		u.Mail = rs.defaultMail.expand(varsOf(a))
	}
	if u.Maildir, err = rs.maildir(u.Mail, u.Home); err != nil {
		return User{}, err
	}
	u.Extra = extra(rec)
	return u, nil
}

// known lists the fields User has a place for.
var known = map[string]bool{"user": true, "home": true, "mail": true, "maildir": true,
	"uid": true, "gid": true, "quota_rule": true, "quota": true}

// secret lists fields that are never copied into Extra.
var secret = map[string]bool{"password": true, "password_noscheme": true}

func extra(rec record) map[string]string {
	var m map[string]string
	for k, v := range rec {
		if known[k] || secret[k] {
			continue
		}
		if m == nil {
			m = make(map[string]string)
		}
		m[k] = v
	}
	return m
}

// quotaRule prefers quota_rule; a plain number in "quota" is bytes and
// becomes Maildir++ "NS" (0 means unlimited); anything else is kept.
func quotaRule(rec record) string {
	if v := rec["quota_rule"]; v != "" {
		return v
	}
	q := strings.TrimSpace(rec["quota"])
	n, err := strconv.ParseUint(q, 10, 63)
	switch {
	case err != nil:
		return q
	case n == 0:
		return ""
	}
	return q + "S"
}

// ownerID parses a uid or gid field: a number or a system user or group name.
func ownerID(rec record, field string) (int, error) {
	v := strings.TrimSpace(rec[field])
	if v == "" {
		return -1, nil
	}
	if n, err := strconv.ParseUint(v, 10, 31); err == nil {
		return int(n), nil
	}
	var id string
	var err error
	if field == "uid" {
		var u *user.User
		if u, err = user.Lookup(v); err == nil {
			id = u.Uid
		}
	} else {
		var g *user.Group
		if g, err = user.LookupGroup(v); err == nil {
			id = g.Gid
		}
	}
	if err != nil {
		return 0, fmt.Errorf("%w: %s %q: %w", ErrIncomplete, field, v, err)
	}
	n, err := strconv.Atoi(id)
	if err != nil {
		return 0, fmt.Errorf("%w: %s %q: %w", ErrIncomplete, field, v, err)
	}
	return n, nil
}

// absolute resolves a path: "~" against home, a relative path against home
// or else the base directory.
func (rs resolver) absolute(p, home string) (string, error) {
	switch {
	case p == "":
		return "", nil
	case p == "~" || strings.HasPrefix(p, "~/"):
		if home == "" {
			return "", fmt.Errorf("%w: %q needs a home directory", ErrIncomplete, p)
		}
		return filepath.Join(home, p[1:]), nil
	case filepath.IsAbs(p):
		return filepath.Clean(p), nil
	case home != "":
		return filepath.Join(home, p), nil
	case rs.baseDir != "":
		return filepath.Join(rs.baseDir, p), nil
	}
	return "", fmt.Errorf("%w: relative path %q without a home or base directory", ErrIncomplete, p)
}

// mailFormats are Dovecot mail location prefixes other than maildir.
var mailFormats = []string{"mbox", "mdbox", "sdbox", "dbox", "imapc", "pop3c", "obox", "shared", "fail"}

// maildir resolves a mail location: Dovecot "maildir:PATH[:PARAMS]", or a
// bare path as Courier's maildir field.
func (rs resolver) maildir(mail, home string) (string, error) {
	p := mail
	if f, rest, ok := strings.Cut(mail, ":"); ok && !strings.Contains(f, "/") {
		switch {
		case strings.EqualFold(f, "maildir"):
			p, _, _ = strings.Cut(rest, ":")
		case containsFold(mailFormats, f):
			return "", fmt.Errorf("%w: mail location %q is not a Maildir", ErrIncomplete, mail)
		}
	}
	if p == "" {
		return "", fmt.Errorf("%w: empty mail location %q", ErrIncomplete, mail)
	}
	return rs.absolute(p, home)
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// lookupDetail looks up a, trying the full address with its detail first,
// as Postfix does, and then the address without it.
func lookupDetail(ctx context.Context, a Address, find func(context.Context, Address) (User, error)) (User, error) {
	if a.Detail == "" {
		return find(ctx, a)
	}
	full := Address{Local: a.Local + a.Delimiter + a.Detail, Domain: a.Domain}
	u, err := find(ctx, full)
	if !errors.Is(err, ErrNotFound) {
		return u, err
	}
	return find(ctx, a)
}
