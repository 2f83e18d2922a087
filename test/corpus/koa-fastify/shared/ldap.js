import ldap from 'ldapjs';

export const client = ldap.createClient({ url: 'ldap://127.0.0.1:389' });

export function escapeFilter(value) {
  return String(value).replace(/[*()\\\0]/g, (c) => '\\' + c.charCodeAt(0).toString(16).padStart(2, '0'));
}
