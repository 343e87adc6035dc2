package filter

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ereCases were checked against glibc 2.36 regcomp/regexec (REG_EXTENDED,
// REG_ICASE when fold, C locale), which Pigeonhole's :regex uses. want is
// the match and its groups, trailing groups that took no part left out.
var ereCases = []struct {
	name    string
	pattern string
	fold    bool
	text    string
	wantErr bool
	want    []string
}{
	{"escaped ordinary letter is literal", "\\d+", false, "Invoice 42 dd", false, []string{"dd"}},
	{"escaped letter never matches under casemap", "\\d", true, "dD", false, nil},
	{"escaped upper letter under casemap", "\\D", true, "d", false, []string{"d"}},
	{"back-reference", "(o)\\1", false, "Good food", false, []string{"oo", "o"}},
	{"back-reference casemap", "(o)\\1", true, "gOod", false, []string{"Oo", "O"}},
	{"back-reference to unset group", "(a){0}\\1", false, "a", false, nil},
	{"lazy star is greedy", "L(.*?)n", false, "Lunch on Friday?", false, []string{"Lunch on", "unch o"}},
	{"double star", "x**", false, "xxx", false, []string{"xxx"}},
	{"word anchors", "\\<on\\>", false, "Lunch on Friday", false, []string{"on"}},
	{"word start mid word", "\\<n", false, "Lunch", false, nil},
	{"word start unknown neighbour", "\\<(.)", false, " ab", false, []string{"a", "a"}},
	{"word end unknown neighbour", "(.)\\>", false, "ab ", false, []string{"b", "b"}},
	{"word boundary", "\\bFri", false, "Lunch Friday", false, []string{"Fri"}},
	{"not word boundary", "\\Bri", false, "Friday", false, []string{"ri"}},
	{"buffer anchors", "\\`a.*b\\'", false, "axb", false, []string{"axb"}},
	{"interval without minimum", "^L.{,3}h", false, "Lunch", false, []string{"Lunch"}},
	{"interval without maximum", "a{2,}", false, "baaa", false, []string{"aaa"}},
	{"big interval", "a{1001}", false, "aaa", false, nil},
	{"big interval range", "^a{0,1500}$", false, "aaaa", false, []string{"aaaa"}},
	{"escaped comma in interval", "a{1\\,2}", false, "aaa", false, []string{"aa"}},
	{"unmatched close paren", "abc)", false, "xabc)", false, []string{"abc)"}},
	{"close brace", "a}", false, "a}", false, []string{"a}"}},
	{"escaped open brace", "a\\{1\\}", false, "a{1}", false, []string{"a{1}"}},
	{"empty alternative", "^(X|)Lunch", false, "Lunch", false, []string{"Lunch", ""}},
	{"empty group", "()x", false, "x", false, []string{"x", ""}},
	{"alternation longest", "(Lunch|Lunch on) (on|Friday)", false, "Lunch on Friday", false, []string{"Lunch on Friday", "Lunch on", "Friday"}},
	{"alternation first submatch", "(a|ab)(c|bcd)(d*)", false, "abcd", false, []string{"abcd", "a", "bcd", ""}},
	{"optional empty iteration", "(b*){1,2}", false, "bb", false, []string{"bb", "bb"}},
	{"repeated group keeps last", "^(.)+ ", false, "Lunch on", false, []string{"Lunch ", "h"}},
	{"dot matches newline", "a.b", false, "a\nb", false, []string{"a\nb"}},
	{"dot is one byte", "^caf.$", false, "caf\xc3\xa9", false, nil},
	{"dot two bytes", "^caf(..)$", false, "caf\xc3\xa9", false, []string{"caf\xc3\xa9", "\xc3\xa9"}},
	{"dollar only at end", "a$", false, "a\n", false, nil},
	{"caret inside is anchor", "a^b", false, "a^b", false, nil},
	{"close bracket first", "[]a]+", false, "x]a]", false, []string{"]a]"}},
	{"negated close bracket first", "[^]a]", false, "]ab", false, []string{"b"}},
	{"backslash literal in bracket", "[\\d]+", false, "x\\dd", false, []string{"\\dd"}},
	{"posix class", "[[:digit:]]+", false, "ab 123", false, []string{"123"}},
	{"upper class under casemap", "^[[:upper:]]+$", true, "Lunch", false, []string{"Lunch"}},
	{"upper class octet", "^[[:upper:]]+$", false, "Lunch", false, nil},
	{"range octet", "[Z-a]+", false, "x_^y", false, []string{"_^"}},
	{"range casemap", "[a-c]+", true, "xAbC", false, []string{"AbC"}},
	{"negated range casemap", "[^a]+", true, "aAbB", false, []string{"bB"}},
	{"trailing hyphen", "[a-]+", false, "x-a-", false, []string{"-a-"}},
	{"collating symbol", "[[.-.]a]+", false, "x-a", false, []string{"-a"}},
	{"equivalence class", "[[=a=]]", false, "bab", false, []string{"a"}},
	{"gnu word class", "\\w+", false, "  ab_9-", false, []string{"ab_9"}},
	{"gnu non-word class", "\\W+", false, "ab -+c", false, []string{" -+"}},
	{"gnu space classes", "\\s\\S", false, "a b", false, []string{" b"}},
	{"casemap literal", "lunch ON", true, "Lunch on", false, []string{"Lunch on"}},
	{"nul ends the text", "a$", false, "a\x00b", false, []string{"a"}},
	{"inline flag", "(?i)lunch", false, "lunch", true, nil},
	{"leading star", "*a", false, "a", true, nil},
	{"leading plus", "+a", false, "a", true, nil},
	{"leading brace", "{1}a", false, "a", true, nil},
	{"star after anchor", "^*a", false, "a", true, nil},
	{"star after alternation", "a|*b", false, "b", true, nil},
	{"star after open paren", "(*a)", false, "a", true, nil},
	{"trailing backslash", "a\\", false, "a", true, nil},
	{"unmatched open paren", "(a", false, "a", true, nil},
	{"unmatched bracket", "[a", false, "a", true, nil},
	{"lone bracket", "[", false, "[", true, nil},
	{"empty brace", "a{}", false, "a", true, nil},
	{"unclosed brace", "a{1", false, "a", true, nil},
	{"bad brace content", "a{x}", false, "a", true, nil},
	{"reversed interval", "a{2,1}", false, "a", true, nil},
	{"too big interval", "a{32768}", false, "a", true, nil},
	{"three numbers", "a{1,2,3}", false, "a", true, nil},
	{"reversed range", "[z-a]", false, "a", true, nil},
	{"range casemap reversed", "[Z-a]", true, "a", true, nil},
	{"hyphen after range", "[a-c-e]", false, "a", true, nil},
	{"unknown class", "[[:word:]]", false, "a", true, nil},
	{"class name is case sensitive", "[[:ALPHA:]]", true, "a", true, nil},
	{"long collating element", "[[.space.]]", false, " ", true, nil},
	{"class as range end", "[a-[:alpha:]]", false, "a", true, nil},
	{"undefined back-reference", "(a)\\2", false, "a", true, nil},
	{"back-reference into open group", "(a\\1)", false, "a", true, nil},
	{"back-reference to other alternative", "(a)|b\\1", false, "b", true, nil},
	{"back-reference after alternation", "((a)|b)\\2", false, "aa", false, []string{"aa", "a", "a"}},
}

func TestCompileERE(t *testing.T) {
	t.Parallel()
	for _, tc := range ereCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e, err := compileERE(tc.pattern, tc.fold)
			if tc.wantErr {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			got := e.FindStringSubmatch(tc.text)
			assert.Equal(t, trimGroups(tc.want), trimGroups(got))
			assert.Equal(t, tc.want != nil, e.MatchString(tc.text))
		})
	}
}

// TestCompileERE_engines runs every expression RE2 can express through
// the backtracker too: both must find the same match.
func TestCompileERE_engines(t *testing.T) {
	t.Parallel()
	for _, tc := range ereCases {
		e, err := compileERE(tc.pattern, tc.fold)
		if err != nil || e.re == nil {
			continue
		}
		loc := e.re.FindStringSubmatchIndex(tc.text)
		bt, done := backtrack(e.root, e.ngroups, e.fold, tc.text)
		require.True(t, done, tc.name)
		if loc == nil {
			assert.Nil(t, bt, tc.name)
			continue
		}
		require.NotNil(t, bt, tc.name)
		assert.Equal(t, loc[:2], bt[:2], tc.name)
	}
}

// TestCompileERE_engine checks which expressions need the backtracker.
func TestCompileERE_engine(t *testing.T) {
	t.Parallel()
	for pattern, wantRE2 := range map[string]bool{
		`(o)\1`:       false,
		`\<on\>`:      true,
		`\<[a-z]+`:    true,
		`\<(.)`:       false,
		`x\> y`:       true,
		`a{1001}`:     true,
		`(a){1001}`:   false,
		`(a{600}){2}`: false,
	} {
		e, err := compileERE(pattern, false)
		require.NoError(t, err, pattern)
		assert.Equal(t, wantRE2, e.re != nil, pattern)
	}
}

// TestBacktrack_bounded checks that a pathological expression ends: the
// backtracker gives up after backtrackSteps steps.
func TestBacktrack_bounded(t *testing.T) {
	t.Parallel()
	e, err := compileERE(`(a*)*(a*)*(a*)*\1b`, false)
	require.NoError(t, err)
	text := "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	loc, done := backtrack(e.root, e.ngroups, e.fold, text)
	assert.Nil(t, loc)
	assert.False(t, done)
}

func trimGroups(m []string) []string {
	for len(m) > 1 && m[len(m)-1] == "" {
		m = m[:len(m)-1]
	}
	return m
}
