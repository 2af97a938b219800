// Mounts Stripe's Payment Element on /pay/stripe/{paymentId}; the server gave the client secret and the return URL.
(() => {
  const form = document.getElementById("stripe-form");
  if (!form || typeof Stripe === "undefined") return;
  const stripe = Stripe(form.dataset.publishableKey, { locale: form.dataset.locale || "auto" });
  const elements = stripe.elements({ clientSecret: form.dataset.clientSecret });
  elements.create("payment").mount("#payment-element");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const { error } = await stripe.confirmPayment({ elements, confirmParams: { return_url: form.dataset.returnUrl } });
    const message = document.getElementById("stripe-error");
    if (error && message) {
      message.textContent = error.message;
      message.hidden = false;
    }
  });
})();
