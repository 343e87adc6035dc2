package userdb

import (
	"strings"
)

// varName is one of the Dovecot variables this package knows.
type varName uint8

const (
	varUser     varName = iota + 1 // %u, %{user}: the whole address
	varUsername                    // %n, %{username}: the local part
	varDomain                      // %d, %{domain}: the domain
)

// variable is one %-variable of a template, with its case modifier.
type variable struct {
	name varName
	fold byte // 0, 'L' (lower) or 'U' (upper)
}

// segment is a run of literal text or one variable.
type segment struct {
	text  string
	v     variable
	isVar bool
}

// template is a parsed Dovecot %-template: %u %n %d, %{user} %{username}
// %{domain}, the %L and %U modifiers (%Lu, %U{domain}), the Dovecot 2.4
// filters %{user | lower} and %{user | upper}, and %% for a literal %.
type template []segment

// vars holds the values of the variables for one address.
type vars struct {
	user, username, domain string
}

func varsOf(a Address) vars {
	return vars{user: a.String(), username: a.Local, domain: a.Domain}
}

func (vs vars) value(v variable) string {
	var s string
	switch v.name {
	case varUser:
		s = vs.user
	case varUsername:
		s = vs.username
	case varDomain:
		s = vs.domain
	}
	switch v.fold {
	case 'L':
		return strings.ToLower(s)
	case 'U':
		return strings.ToUpper(s)
	}
	return s
}

// parseTemplate parses s. With backslash set, a backslash and the byte
// after it are literal text (for string literals of SQL dialects that use
// backslash escapes), so "\%" is not the start of a variable.
func parseTemplate(s string, backslash bool) (template, error) {
	var t template
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			t = append(t, segment{text: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(s); {
		switch {
		case backslash && s[i] == '\\' && i+1 < len(s):
			lit.WriteString(s[i : i+2])
			i += 2
		case s[i] != '%':
			lit.WriteByte(s[i])
			i++
		case i+1 < len(s) && s[i+1] == '%':
			lit.WriteByte('%')
			i += 2
		default:
			v, n, err := parseVar(s, i)
			if err != nil {
				return nil, err
			}
			flush()
			t = append(t, segment{v: v, isVar: true})
			i += n
		}
	}
	flush()
	return t, nil
}

// parseVar parses the variable that starts with the '%' at s[i] and
// returns it and its length in bytes.
func parseVar(s string, i int) (variable, int, error) {
	var v variable
	j := i + 1
	for j < len(s) && (s[j] == 'L' || s[j] == 'U') {
		v.fold = s[j]
		j++
	}
	if j >= len(s) {
		return v, 0, &TemplateError{Template: s, Pos: i, Msg: "incomplete variable (write %% for a literal %)"}
	}
	if s[j] == '{' {
		end := strings.IndexByte(s[j:], '}')
		if end < 0 {
			return v, 0, &TemplateError{Template: s, Pos: i, Msg: "unterminated %{"}
		}
		if err := parseLong(&v, s[j+1:j+end]); err != nil {
			return v, 0, &TemplateError{Template: s, Pos: i, Msg: err.Error()}
		}
		return v, j + end + 1 - i, nil
	}
	name, ok := shortVars[s[j]]
	if !ok {
		return v, 0, &TemplateError{Template: s, Pos: i,
			Msg: "unknown variable %" + string(s[j]) + " (known: %u %n %d; write %% for a literal %)"}
	}
	v.name = name
	return v, j + 1 - i, nil
}

var shortVars = map[byte]varName{'u': varUser, 'n': varUsername, 'd': varDomain}

var longVars = map[string]varName{"user": varUser, "username": varUsername, "domain": varDomain}

// parseLong parses the inside of %{...}: a name and optional "| lower" or
// "| upper" filters.
func parseLong(v *variable, body string) error {
	parts := strings.Split(body, "|")
	name, ok := longVars[strings.TrimSpace(parts[0])]
	if !ok {
		return &templateMsg{"unknown variable %{" + body + "} (known: user, username, domain)"}
	}
	v.name = name
	for _, f := range parts[1:] {
		switch strings.TrimSpace(f) {
		case "lower":
			v.fold = 'L'
		case "upper":
			v.fold = 'U'
		default:
			return &templateMsg{"unknown filter " + strings.TrimSpace(f) + " (known: lower, upper)"}
		}
	}
	return nil
}

type templateMsg struct{ s string }

func (m *templateMsg) Error() string { return m.s }

// hasVars reports whether t contains a variable.
func (t template) hasVars() bool {
	for _, s := range t {
		if s.isVar {
			return true
		}
	}
	return false
}

// uses reports whether t contains variable n.
func (t template) uses(n varName) bool {
	for _, s := range t {
		if s.isVar && s.v.name == n {
			return true
		}
	}
	return false
}

// expand returns the text of t with every variable replaced by its value.
// It is for paths and other non-SQL text; SQL goes through rewriteSQL.
func (t template) expand(vs vars) string {
	var b strings.Builder
	for _, s := range t {
		if s.isVar {
			b.WriteString(vs.value(s.v))
		} else {
			b.WriteString(s.text)
		}
	}
	return b.String()
}
