package userdb

import (
	"context"
	"fmt"
	"maps"
	"strconv"
	"strings"
)

// StaticOptions configures a [Static] backend.
type StaticOptions struct {
	Options
	// Home is the home directory template, e.g. "/var/vmail/%d/%n"; it
	// must expand to an absolute path. Empty leaves Home unset, and then
	// DefaultMail must give an absolute location.
	Home string
	// UID and GID own the mail; zero leaves them unset (-1), never root.
	UID, GID int
	// QuotaRule is given to every user as is, e.g. "*:bytes=1G".
	QuotaRule string
	// Domains, when not empty, lists the only domains that have users; an
	// address in another domain is [ErrNotFound]. Empty accepts every
	// domain, like Dovecot's static userdb with allow_all_users.
	Domains []string
	// Extra is copied into every User.
	Extra map[string]string
}

// Static is a user database without a list of users: every address (in
// the allowed domains) is a user whose paths come from templates. It is
// safe for concurrent use.
type Static struct {
	home    template
	uid     int
	gid     int
	quota   string
	domains map[string]bool
	extra   map[string]string
	addr    AddressOptions
	res     resolver
}

var _ DB = (*Static)(nil)

// NewStatic checks the templates and returns the backend.
func NewStatic(o StaticOptions) (*Static, error) {
	home, err := parseTemplate(o.Home, false)
	if err != nil {
		return nil, fmt.Errorf("userdb: static Home: %w", err)
	}
	res, err := newResolver(o.Options)
	if err != nil {
		return nil, err
	}
	s := &Static{home: home, uid: idOrUnset(o.UID), gid: idOrUnset(o.GID), quota: o.QuotaRule,
		extra: maps.Clone(o.Extra), addr: o.AddressOptions, res: res}
	for _, d := range o.Domains {
		if s.domains == nil {
			s.domains = make(map[string]bool)
		}
		s.domains[strings.ToLower(d)] = true
	}
	return s, nil
}

func idOrUnset(id int) int {
	if id <= 0 {
		return -1
	}
	return id
}

// Lookup implements [DB]. It refuses, with an [*AddressError], local parts
// and domains that are unsafe in a path ("/", "." or "..", a leading dot),
// and an address without a domain when a template uses %d or %u.
func (s *Static) Lookup(_ context.Context, address string) (User, error) {
	a, err := ParseAddress(address, s.addr)
	if err != nil {
		return User{}, err
	}
	if s.domains != nil && !s.domains[a.Domain] {
		return User{}, ErrNotFound
	}
	if a.Domain == "" && s.needsDomain() {
		return User{}, &AddressError{Address: address, Reason: "no domain for a path template with %d"}
	}
	if reason := pathUnsafe(a); reason != "" {
		return User{}, &AddressError{Address: address, Reason: reason}
	}
	rec := record{"quota_rule": s.quota}
	if s.uid >= 0 {
		rec["uid"] = strconv.Itoa(s.uid)
	}
	if s.gid >= 0 {
		rec["gid"] = strconv.Itoa(s.gid)
	}
	for k, v := range s.extra {
		rec.set(k, v)
	}
	if home := s.home.expand(varsOf(a)); home != "" {
		if !strings.HasPrefix(home, "/") {
			return User{}, fmt.Errorf("userdb: static: home %q is not absolute: %w", home, ErrIncomplete)
		}
		rec["home"] = home
	}
	u, err := s.res.user(a, rec)
	if err != nil {
		return User{}, fmt.Errorf("userdb: static: user %q: %w", a, err)
	}
	return u, nil
}

// pathUnsafe says why a's parts cannot be used as path elements, or "".
func pathUnsafe(a Address) string {
	for _, p := range []string{a.Local, a.Domain} {
		if strings.ContainsAny(p, "/\\") || strings.HasPrefix(p, ".") {
			return "not usable in a path"
		}
	}
	return ""
}

// needsDomain reports whether a path template uses the domain, so that an
// address without one would land in another domain's directory.
func (s *Static) needsDomain() bool {
	for _, t := range []template{s.home, s.res.defaultMail} {
		if t.uses(varDomain) || t.uses(varUser) {
			return true
		}
	}
	return false
}
