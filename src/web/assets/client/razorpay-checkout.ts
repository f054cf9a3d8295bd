// Opens Razorpay Checkout for the subscription created on the server, then posts Razorpay's answer
// (payment id, subscription id, signature) back to /premium/razorpay/verify, where the signature is
// checked. Without this script the page still offers Razorpay's own payment page.
interface RazorpayResponse {
  razorpay_payment_id: string;
  razorpay_subscription_id: string;
  razorpay_signature: string;
}
interface RazorpayCheckout {
  open(): void;
  on(event: string, cb: (r: { error?: { description?: string } }) => void): void;
}
declare global {
  interface Window {
    Razorpay?: new (options: Record<string, unknown>) => RazorpayCheckout;
  }
}

function start(): void {
  const box = document.getElementById('rzp-checkout');
  const button = document.getElementById('rzp-pay') as HTMLButtonElement | null;
  const form = document.getElementById('rzp-done') as HTMLFormElement | null;
  const status = document.getElementById('rzp-status');
  if (!box || !button || !form) return;
  const d = box.dataset;
  const say = (text: string) => {
    if (status) status.textContent = text;
  };
  const open = () => {
    if (!window.Razorpay) {
      say(d.msgUnavailable ?? '');
      return;
    }
    const rzp = new window.Razorpay({
      key: d.key,
      subscription_id: d.subscription,
      name: d.site,
      description: d.description,
      prefill: { email: d.email, name: d.name },
      theme: { color: '#b3001b' },
      handler: (r: RazorpayResponse) => {
        (form.elements.namedItem('razorpay_payment_id') as HTMLInputElement).value = r.razorpay_payment_id;
        (form.elements.namedItem('razorpay_subscription_id') as HTMLInputElement).value = r.razorpay_subscription_id;
        (form.elements.namedItem('razorpay_signature') as HTMLInputElement).value = r.razorpay_signature;
        say('…');
        form.submit();
      },
    });
    rzp.on('payment.failed', (r) => say(r.error?.description ?? d.msgFailed ?? ''));
    rzp.open();
  };
  button.hidden = false;
  button.addEventListener('click', open);
  open();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();

export {};
