export { Outbox, smtpTransport, type MailMessage, type MailTransport } from './mailer.js';
