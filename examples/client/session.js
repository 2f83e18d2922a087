// Deliberately vulnerable example client session helpers — see examples/README.md.
import jwtDecode from 'jwt-decode';

// "Authorization" on the client from unverified claims.
export function isAdmin(token) {
  return jwtDecode(token).role === 'admin'; // vuln: js/jwt-decode-as-verify
}

// Safe look-alike: reading a display name is not an auth decision.
export function displayName(token) {
  return jwtDecode(token).name; // safe: js/jwt-decode-as-verify
}

// The password kept to sign in again later: plain text for every script of the origin.
export function rememberLogin(form) {
  localStorage.setItem('password', form.password.value); // vuln: js/cleartext-storage
}

// Safe look-alike: the session token the server issued, which the app keeps by design.
export function keepSession(res) {
  localStorage.setItem('accessToken', res.accessToken); // safe: js/cleartext-storage
}
