package userdb

import (
	"errors"
	"strings"
)

// literal handles a '...' or "..." token starting at src[i]. Without a
// variable it is copied (with %% turned into %); with variables it is
// replaced by placeholders, concatenated with its text pieces.
func (r *rewriter) literal(i int) (int, error) {
	q := r.src[i]
	prefix := r.prefix(q)
	backslash := r.d == dialectMySQL || (r.d == dialectPostgres && strings.EqualFold(prefix, "e"))
	end, err := r.quoteEnd(i, backslash)
	if err != nil {
		return 0, err
	}
	body := r.src[i+1 : end-1]
	if !strings.Contains(body, "%") {
		r.out = append(r.out, r.src[i:end]...)
		return end - i, nil
	}
	t, err := parseTemplate(body, backslash)
	if err != nil {
		var te *TemplateError
		if errors.As(err, &te) {
			return 0, r.fail(i+1+te.Pos, te.Msg)
		}
		return 0, err
	}
	if !t.hasVars() {
		r.out = append(r.out, q)
		r.out = append(r.out, t.expand(vars{})...)
		r.out = append(r.out, q)
		return end - i, nil
	}
	r.out = r.out[:len(r.out)-len(prefix)]
	r.concat(t, q, prefix, backslash)
	return end - i, nil
}

// prefix returns the string-literal prefix just written before a quote:
// E (PostgreSQL escape strings), N (national), or a MySQL _charset
// introducer. Other words glued to the quote are not prefixes.
func (r *rewriter) prefix(q byte) string {
	if q != '\'' {
		return ""
	}
	j := len(r.out)
	for j > 0 && identByte(r.out[j-1]) && r.out[j-1] != '$' {
		j--
	}
	w := string(r.out[j:])
	switch {
	case strings.EqualFold(w, "n"):
		return w
	case strings.EqualFold(w, "e") && r.d == dialectPostgres:
		return w
	case strings.HasPrefix(w, "_") && r.d == dialectMySQL:
		return w
	}
	return ""
}

// concat writes the pieces of a literal that contains variables.
func (r *rewriter) concat(t template, q byte, prefix string, backslash bool) {
	pieces := make([]string, 0, len(t))
	for _, seg := range t {
		if seg.isVar {
			pieces = append(pieces, r.placeholder(seg.v))
			continue
		}
		text := seg.text
		if q == '"' {
			text = requote(text, backslash)
		}
		pieces = append(pieces, prefix+"'"+text+"'")
	}
	switch {
	case len(pieces) == 1:
		r.out = append(r.out, pieces[0]...)
	case r.d == dialectMySQL:
		r.out = append(r.out, "CONCAT("+strings.Join(pieces, ", ")+")"...)
	default:
		r.out = append(r.out, "("+strings.Join(pieces, " || ")+")"...)
	}
}

// requote turns the body of a "..." string into the body of a '...' one.
func requote(s string, backslash bool) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case backslash && s[i] == '\\' && i+1 < len(s):
			b.WriteString(s[i : i+2])
			i++
		case s[i] == '"' && i+1 < len(s) && s[i+1] == '"':
			b.WriteByte('"')
			i++
		case s[i] == '\'':
			b.WriteString("''")
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}
