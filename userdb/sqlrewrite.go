package userdb

import (
	"strconv"
	"strings"
)

// dialect is the SQL flavour a query is rewritten for.
type dialect uint8

const (
	dialectSQLite dialect = iota + 1
	dialectPostgres
	dialectMySQL
)

func (d dialect) String() string {
	switch d {
	case dialectSQLite:
		return "sqlite"
	case dialectPostgres:
		return "postgres"
	case dialectMySQL:
		return "mysql"
	}
	return "unknown"
}

// boundQuery is a query whose %-variables became bound parameters.
type boundQuery struct {
	text string     // the SQL with "?" or "$n" placeholders
	args []variable // one per placeholder, in order
}

// bind returns the parameter values for one address.
func (q boundQuery) bind(vs vars) []any {
	args := make([]any, len(q.args))
	for i, v := range q.args {
		args[i] = vs.value(v)
	}
	return args
}

// rewriteSQL turns a Dovecot user_query or iterate_query into a query with
// bound parameters. Values are never spliced into the SQL text:
//
//   - a variable alone in a string literal, quotes included ('%u', "%u"),
//     becomes one placeholder: WHERE email = '%u' → WHERE email = $1;
//   - a variable outside any literal becomes a placeholder in place;
//   - a literal that mixes text and variables becomes a concatenation of
//     the text pieces and placeholders: '/var/%d/%n' → ('/var/' || ? || '/'
//     || ?) on SQLite and PostgreSQL, CONCAT('/var/', ?, '/', ?) on MySQL;
//   - %% becomes % everywhere outside comments.
//
// Comments, backquoted identifiers and PostgreSQL dollar-quoted strings are
// copied unchanged; a variable inside an identifier or a dollar-quoted
// string is refused, as are placeholders the admin wrote ("?", "$1").
func rewriteSQL(src string, d dialect) (boundQuery, error) {
	return rewrite(src, d, false)
}

// rewrite is rewriteSQL; with typed, PostgreSQL placeholders are written
// "$1::text", for queries where the server cannot infer a parameter's
// type, such as concat('%d', '/').
func rewrite(src string, d dialect, typed bool) (boundQuery, error) {
	r := &rewriter{src: src, d: d, typed: typed}
	for i := 0; i < len(src); {
		n, err := r.step(i)
		if err != nil {
			return boundQuery{}, err
		}
		i += n
	}
	return boundQuery{text: string(r.out), args: r.args}, nil
}

type rewriter struct {
	src   string
	d     dialect
	typed bool
	out   []byte
	args  []variable
}

func (r *rewriter) fail(pos int, msg string) error {
	return &TemplateError{Template: r.src, Pos: pos, Msg: msg}
}

// step handles the token at src[i] and returns how many bytes it used.
func (r *rewriter) step(i int) (int, error) {
	s := r.src
	switch c := s[i]; {
	case c == '\'' || c == '"':
		return r.literal(i)
	case c == '`' && r.d == dialectMySQL:
		return r.identifier(i)
	case strings.HasPrefix(s[i:], "--") && r.dashComment(i):
		return r.copyLine(i), nil
	case c == '#' && r.d == dialectMySQL:
		return r.copyLine(i), nil
	case strings.HasPrefix(s[i:], "/*"):
		return r.blockComment(i)
	case c == '$' && r.d == dialectPostgres:
		return r.dollar(i)
	case c == '?' && r.d != dialectPostgres:
		return 0, r.fail(i, "placeholder ? in the query: use %u, %n or %d")
	case c == '%':
		return r.percent(i)
	default:
		r.out = append(r.out, c)
		return 1, nil
	}
}

func (r *rewriter) percent(i int) (int, error) {
	if strings.HasPrefix(r.src[i:], "%%") {
		r.out = append(r.out, '%')
		return 2, nil
	}
	v, n, err := parseVar(r.src, i)
	if err != nil {
		return 0, err
	}
	r.out = append(r.out, r.placeholder(v)...)
	return n, nil
}

func (r *rewriter) placeholder(v variable) string {
	r.args = append(r.args, v)
	switch {
	case r.d == dialectPostgres && r.typed:
		return "$" + strconv.Itoa(len(r.args)) + "::text"
	case r.d == dialectPostgres:
		return "$" + strconv.Itoa(len(r.args))
	}
	return "?"
}

// dashComment reports whether the "--" at src[i] starts a comment: always
// in SQLite and PostgreSQL, only before white space in MySQL.
func (r *rewriter) dashComment(i int) bool {
	if r.d != dialectMySQL || i+2 == len(r.src) {
		return true
	}
	c := r.src[i+2]
	return c == ' ' || c == '\t' || c == '\n' || c == '\r'
}

func (r *rewriter) copyLine(i int) int {
	n := strings.IndexByte(r.src[i:], '\n') + 1
	if n == 0 {
		n = len(r.src) - i
	}
	r.out = append(r.out, r.src[i:i+n]...)
	return n
}

// blockComment copies a /* */ comment; PostgreSQL comments nest.
func (r *rewriter) blockComment(i int) (int, error) {
	depth, j := 0, i
	for j < len(r.src) {
		switch {
		case strings.HasPrefix(r.src[j:], "/*") && (depth == 0 || r.d == dialectPostgres):
			depth++
			j += 2
		case strings.HasPrefix(r.src[j:], "*/"):
			depth--
			j += 2
			if depth == 0 {
				r.out = append(r.out, r.src[i:j]...)
				return j - i, nil
			}
		default:
			j++
		}
	}
	return 0, r.fail(i, "unterminated comment")
}

// identifier copies a MySQL `quoted identifier`.
func (r *rewriter) identifier(i int) (int, error) {
	end, err := r.quoteEnd(i, false)
	if err != nil {
		return 0, err
	}
	if strings.Contains(r.src[i:end], "%") {
		return 0, r.fail(i, "% inside a quoted identifier: variables can only stand for values")
	}
	r.out = append(r.out, r.src[i:end]...)
	return end - i, nil
}

// dollar handles a '$' in PostgreSQL: a dollar-quoted string is copied, a
// positional parameter is refused, anything else is copied.
func (r *rewriter) dollar(i int) (int, error) {
	s := r.src
	if i > 0 && identByte(s[i-1]) {
		r.out = append(r.out, '$')
		return 1, nil
	}
	if i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' {
		return 0, r.fail(i, "positional parameter in the query: use %u, %n or %d")
	}
	j := i + 1
	for j < len(s) && identByte(s[j]) && s[j] != '$' {
		j++
	}
	if j >= len(s) || s[j] != '$' {
		r.out = append(r.out, '$')
		return 1, nil
	}
	tag := s[i : j+1]
	end := strings.Index(s[j+1:], tag)
	if end < 0 {
		return 0, r.fail(i, "unterminated dollar-quoted string")
	}
	n := j + 1 + end + len(tag) - i
	if strings.Contains(s[i:i+n], "%") {
		return 0, r.fail(i, "% inside a dollar-quoted string: use a '...' literal")
	}
	r.out = append(r.out, s[i:i+n]...)
	return n, nil
}

func identByte(c byte) bool {
	return c == '_' || c == '$' || c >= 0x80 ||
		(c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}

// quoteEnd returns the offset just past the quoted token that starts at
// src[i]. A doubled quote character stands for itself; with backslash, a
// backslash escapes the next byte.
func (r *rewriter) quoteEnd(i int, backslash bool) (int, error) {
	q := r.src[i]
	for j := i + 1; j < len(r.src); j++ {
		switch {
		case backslash && r.src[j] == '\\':
			j++
		case r.src[j] == q && j+1 < len(r.src) && r.src[j+1] == q:
			j++
		case r.src[j] == q:
			return j + 1, nil
		}
	}
	return 0, r.fail(i, "unterminated quoted string")
}
