require ["regex", "variables", "fileinto"];
if header :regex "subject" "(L)(u)(n)(c)(h)( )(o)(n)( )(F)(r)" { fileinto "${9}${10}${1}"; }
