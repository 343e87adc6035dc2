package filter
import ("testing";"net/url")
func TestOne(t *testing.T){ t.Log(url.PathEscape(decodeHeader("=?ISO-2022-JP?B?GyRCLSEbKEJ4?="))) }
