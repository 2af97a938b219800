// Mounts Stripe's Payment Element on /pay/stripe/{paymentId}; the server gave the client secret and the return URL.
(() => {
  const form = document.getElementById("stripe-form");
  if (!form) return;
  const message = document.getElementById("stripe-error");
  if (typeof Stripe === "undefined") {
    // Stripe.js did not load: the pay button stays disabled (it cannot post the form natively) and says why.
    message.textContent = form.dataset.unavailable;
    message.hidden = false;
    return;
  }
  const stripe = Stripe(form.dataset.publishableKey, { locale: form.dataset.locale || "auto" });
  const elements = stripe.elements({ clientSecret: form.dataset.clientSecret });
  elements.create("payment").mount("#payment-element");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const { error } = await stripe.confirmPayment({ elements, confirmParams: { return_url: form.dataset.returnUrl } });
    if (error) {
      message.textContent = error.message;
      message.hidden = false;
    }
  });
  document.getElementById("pay-button").disabled = false;
})();
